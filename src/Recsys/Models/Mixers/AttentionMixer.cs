using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>Mix = concat_heads(Dropout(A⁽ʰ⁾) · V⁽ʰ⁾) [· W_O], V = X W_V + b_V (docs/models.md, Backbone).
/// A subclass supplies the row-stochastic attention weights A, and may transform the values or add
/// to their aggregation (relative attention, the positional kernel).</summary>
public abstract class AttentionMixer : TokenMixer
{
    private readonly nn.Linear _value;
    private readonly nn.Linear? _output;
    private readonly nn.HashDropout _attentionDropout;

    protected AttentionMixer(string name, ModelOptions options) : base(name)
    {
        Options = options;
        _value = Initialization.Dense(options.Hidden, options.Hidden);
        _output = options.HasOutputProjection ? Initialization.Dense(options.Hidden, options.Hidden) : null;
        _attentionDropout = new nn.HashDropout(options.Dropout);
    }

    protected ModelOptions Options { get; }

    /// <summary>(B or 1, h, n, n) weights: rows sum to 1 over allowed keys, padding rows are 0.</summary>
    protected abstract Tensor AttentionWeights(MixerInput input);

    /// <summary>The attention weights A before dropout, (B or 1, h, n, n): for attention maps of a
    /// trained model and for the row-sum checks (docs/models.md, Checks).</summary>
    public Tensor Weights(MixerInput input) => AttentionWeights(input);

    public override Tensor forward(MixerInput input)
    {
        var values = Values(input);
        var weights = _attentionDropout.call(AttentionWeights(input));
        var mixed = MergeHeads(Aggregate(weights, values));
        return _output is null ? mixed : _output.call(mixed);
    }

    /// <summary>V per head, (B, h, n, d_h).</summary>
    protected virtual Tensor Values(MixerInput input) =>
        SplitHeads(_value.call(Options.ValueFrom == "normalized" ? input.Normalized : input.Raw));

    /// <summary>Σ_j A_ij V_j per head.</summary>
    protected virtual Tensor Aggregate(Tensor weights, Tensor values) => weights.matmul(values);

    /// <summary>(B, n, d) → (B, h, n, d_h).</summary>
    protected Tensor SplitHeads(Tensor x) =>
        Options.Heads == 1 ? x.unsqueeze(1) : x.view(x.size(0), x.size(1), Options.Heads, Options.HeadDim).transpose(1, 2);

    private Tensor MergeHeads(Tensor x) =>
        Options.Heads == 1 ? x.squeeze(1) : x.transpose(1, 2).reshape(x.size(0), x.size(2), Options.Hidden);
}
