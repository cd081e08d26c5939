using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>SASRec (MODELS.md §3.1): S = Q Kᵀ / √d_h with Q = Z W_Q, K = X W_K.</summary>
public sealed class ScaledDotProductAttention : SoftmaxAttentionMixer
{
    private readonly nn.Linear _query;
    private readonly nn.Linear _key;

    public ScaledDotProductAttention(ModelOptions options) : base(nameof(ScaledDotProductAttention), options)
    {
        _query = Initialization.Dense(options.Hidden, options.Hidden);
        _key = Initialization.Dense(options.Hidden, options.Hidden);
        RegisterComponents();
    }

    protected override Tensor Logits(MixerInput input)
    {
        var q = SplitHeads(_query.call(input.Normalized));
        var k = SplitHeads(_key.call(input.Raw));
        return q.matmul(k.transpose(-2, -1)) / Math.Sqrt(Options.HeadDim);
    }
}
