using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>Mix = concat_heads(Dropout(A⁽ʰ⁾) · V⁽ʰ⁾) [· W_O], V = X W_V + b_V (MODELS.md §2.3). A
/// subclass supplies only the row-stochastic attention weights A.</summary>
public abstract class AttentionMixer : TokenMixer
{
    private readonly nn.Linear _value;
    private readonly nn.Linear? _output;
    private readonly nn.HashDropout _attentionDropout;

    protected AttentionMixer(string name, ModelOptions options) : base(name)
    {
        Options = options;
        _value = Initialization.Dense(options.Hidden, options.Hidden);
        _output = options.OutProj ? Initialization.Dense(options.Hidden, options.Hidden) : null;
        _attentionDropout = new nn.HashDropout(options.Dropout);
    }

    protected ModelOptions Options { get; }

    /// <summary>(B or 1, h, n, n) weights: rows sum to 1 over allowed keys, padding rows are 0.</summary>
    protected abstract Tensor AttentionWeights(MixerInput input);

    /// <summary>The attention weights A before dropout, for inspecting a trained model and for the
    /// row-sum checks of MODELS.md §7.</summary>
    public Tensor Weights(MixerInput input) => AttentionWeights(input);

    public override Tensor forward(MixerInput input)
    {
        var source = Options.ValueFrom == "normalized" ? input.Normalized : input.Raw;
        var values = SplitHeads(_value.call(source));
        var weights = _attentionDropout.call(AttentionWeights(input));
        var mixed = MergeHeads(weights.matmul(values));
        return _output is null ? mixed : _output.call(mixed);
    }

    /// <summary>(B, n, d) → (B, h, n, d_h).</summary>
    protected Tensor SplitHeads(Tensor x) =>
        Options.Heads == 1 ? x.unsqueeze(1) : x.view(x.size(0), x.size(1), Options.Heads, Options.HeadDim).transpose(1, 2);

    private Tensor MergeHeads(Tensor x) =>
        Options.Heads == 1 ? x.squeeze(1) : x.transpose(1, 2).reshape(x.size(0), x.size(2), Options.Hidden);
}
