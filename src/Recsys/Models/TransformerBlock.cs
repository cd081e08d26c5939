using Sweeps.Recsys.Models.Mixers;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models;

/// <summary>One block (MODELS.md §2.3). <c>sasrec_ref</c>: Z = LN(X); X = (Mix(Z, X) + Z) ⊙ m; then,
/// with a per-block FFN, Z' = LN'(X); X = (Z' + FFN(Z')) ⊙ m. <c>prenorm</c>: X = X + Mix(LN(X));
/// X = X + FFN(LN(X)), each ⊙ m.</summary>
public sealed class TransformerBlock : nn.Module<MixerInput, Tensor>
{
    private readonly nn.LayerNorm _norm;
    private readonly TokenMixer _mixer;
    private readonly nn.LayerNorm? _ffnNorm;
    private readonly FeedForward? _ffn;
    private readonly bool _prenorm;

    public TransformerBlock(ModelOptions options, TokenMixer mixer) : base(nameof(TransformerBlock))
    {
        _norm = new nn.LayerNorm(options.Hidden, SequentialRecommender.LayerNormEps);
        _mixer = mixer;
        if (options.FfnPlacement == "per_block")
        {
            _ffnNorm = new nn.LayerNorm(options.Hidden, SequentialRecommender.LayerNormEps);
            _ffn = new FeedForward(options);
        }
        _prenorm = options.BlockStyle == "prenorm";
        RegisterComponents();
    }

    public TokenMixer Mixer => _mixer;

    /// <summary>Takes X through <paramref name="input"/>.Raw (Normalized is filled here).</summary>
    public override Tensor forward(MixerInput input)
    {
        var m = input.KeepMask;
        var z = _norm.call(input.Raw);
        var x = _mixer.call(input with { Normalized = z });
        x = (_prenorm ? input.Raw + x : x + z) * m;
        if (_ffn is null) return x;
        var z2 = _ffnNorm!.call(x);
        return ((_prenorm ? x : z2) + _ffn.call(z2)) * m;
    }
}
