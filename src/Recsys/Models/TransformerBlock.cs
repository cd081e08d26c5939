using Sweeps.Recsys.Models.Mixers;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models;

/// <summary>One block (docs/models.md, Block). <c>sasrec_ref</c>: Z = LN(X); X = (Mix(Z, X) + Z) ⊙ m; then,
/// with a per-block FFN, Z' = LN'(X); X = (Z' + FFN(Z')) ⊙ m. <c>prenorm</c>: X = X + Mix(LN(X));
/// X = X + FFN(LN(X)), each ⊙ m (with <c>ref_padding</c>, no re-masking: see WithContentMasks).</summary>
public sealed class TransformerBlock : nn.Module<MixerInput, Tensor>
{
    private readonly nn.LayerNorm _norm;
    private readonly TokenMixer _mixer;
    private readonly nn.LayerNorm? _ffnNorm;
    private readonly FeedForward? _ffn;
    private readonly bool _prenorm;
    private readonly bool _referencePadding;

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
        _referencePadding = options.Padding == "ref_padding";
        RegisterComponents();
    }

    public TokenMixer Mixer => _mixer;

    /// <summary>Takes X through <paramref name="input"/>.Raw (Normalized is filled here).</summary>
    public override Tensor forward(MixerInput input)
    {
        input = Prepared(input);
        var m = input.KeepMask;
        var z = input.Normalized;
        var x = _mixer.call(input);
        x = (_prenorm ? input.Raw + x : x + z) * m;
        if (_ffn is null) return x;
        var z2 = _ffnNorm!.call(x);
        return ((_prenorm ? x : z2) + _ffn.call(z2)) * m;
    }

    /// <summary>The attention weights this block's mixer uses on X (before dropout), or null for a
    /// mixer without attention weights (token_mixing).</summary>
    public Tensor? AttentionWeights(MixerInput input) =>
        _mixer is AttentionMixer attention ? attention.Weights(Prepared(input)) : null;

    /// <summary>The mixer's input for block input X: Z = LN(X), and the reference layout's masks.</summary>
    private MixerInput Prepared(MixerInput input)
    {
        var z = _norm.call(input.Raw);
        if (_referencePadding) input = WithContentMasks(input, z);
        return input with { Normalized = z };
    }

    /// <summary>The released code's padding (docs/models.md, Reference layout, K7): keys are masked where the block
    /// input is all zero, queries where LN(X) is, and nothing is re-masked between blocks — so once
    /// LN's β moves off zero, padding slots join the attention. Kept only for replica runs.</summary>
    private static MixerInput WithContentMasks(MixerInput input, Tensor z)
    {
        var b = input.Batch;
        var n = input.Length;
        var emptyKeys = input.Raw.abs().sum(-1).eq(0).view(b, 1, 1, n);
        var queries = z.abs().sum(-1).ne(0).to(float32).view(b, 1, n, 1);
        return input with
        {
            Disallowed = input.Future.logical_or(emptyKeys),
            QueryMask = queries,
            KeepMask = ones([1, 1, 1], float32, input.Raw.device),
        };
    }
}
