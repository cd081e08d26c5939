using Sweeps.Recsys.Models.Encodings;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>SASRec (docs/models.md, sasrec): S = Q Kᵀ / √d_h with Q = Z W_Q, K = X W_K; with
/// <c>pe: rope</c>, Q and K are rotated by slot first. The base of the mixers that reshape sasrec's
/// attention (pka, awrsr).</summary>
public class ScaledDotProductAttention : SoftmaxAttentionMixer
{
    private readonly nn.Linear _query;
    private readonly nn.Linear _key;
    private readonly bool _rotary;

    public ScaledDotProductAttention(ModelOptions options) : this(nameof(ScaledDotProductAttention), options)
    {
    }

    protected ScaledDotProductAttention(string name, ModelOptions options) : base(name, options)
    {
        _query = Initialization.Dense(options.Hidden, options.Hidden);
        _key = Initialization.Dense(options.Hidden, options.Hidden);
        _rotary = options.PositionalEncoding == "rope";
        RegisterComponents();
    }

    protected override Tensor Logits(MixerInput input)
    {
        var q = SplitHeads(_query.call(input.Normalized));
        var k = SplitHeads(_key.call(input.Raw));
        if (_rotary)
        {
            q = RotaryPositions.Rotate(q, input.Offset);
            k = RotaryPositions.Rotate(k, input.Offset);
        }
        return q.matmul(k.transpose(-2, -1)) / Math.Sqrt(Options.HeadDim);
    }
}
