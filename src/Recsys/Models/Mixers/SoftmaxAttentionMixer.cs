using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>A = softmax(mask(S)) · query mask: disallowed logits are pushed to −2³²+1 before the
/// softmax (the reference code's constant, so fully masked padding rows stay finite) and padding
/// query rows are zeroed afterwards.</summary>
public abstract class SoftmaxAttentionMixer(string name, ModelOptions options) : AttentionMixer(name, options)
{
    private const double MaskedLogit = -4294967295.0;

    /// <summary>(B or 1, h, n, n) attention logits, scale included.</summary>
    protected abstract Tensor Logits(MixerInput input);

    protected override Tensor AttentionWeights(MixerInput input) => MaskedSoftmax(Logits(input), input);

    /// <summary>softmax over the allowed keys of each row, padding query rows zeroed.</summary>
    protected static Tensor MaskedSoftmax(Tensor logits, MixerInput input) =>
        logits.masked_fill(input.Disallowed, MaskedLogit).softmax(-1) * input.QueryMask;
}
