using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>The ablation's handcrafted patterns (paper App. B, docs/models.md, Fixed patterns):
/// A_ij = a_ij·allowed(i,j) / Σ_k a_ik·allowed(i,k), no softmax, no parameters besides W_V. Allowed
/// keys are the earlier real items, or with <c>fixed_include_pad</c> every earlier slot.</summary>
public sealed class FixedPatternAttention : AttentionMixer
{
    public enum Pattern { Average, Linear, Exponential }

    private readonly Pattern _pattern;

    public FixedPatternAttention(ModelOptions options, Pattern pattern) : base(nameof(FixedPatternAttention), options)
    {
        _pattern = pattern;
        RegisterComponents();
    }

    /// <summary>Padding slots take part in every row's normalisation when they count, so cutting them
    /// off would change the weights of the real items.</summary>
    public override bool SupportsTrimmedWindows => !Options.FixedIncludePad;

    protected override Tensor AttentionWeights(MixerInput input)
    {
        var allowed = (Options.FixedIncludePad ? input.Future : input.Disallowed).logical_not().to(float32);
        var weights = UnnormalizedWeights(input) * allowed;
        // A row with no allowed weight (a padding query, or any row of relative slots' padding) is
        // 0 / tiny = 0; padding queries, which may see padding keys, are zeroed by the query mask.
        var rows = weights / weights.sum(-1, keepdim: true).clamp_min(1e-30);
        return Options.FixedIncludePad ? rows * input.QueryMask : rows;
    }

    /// <summary>a_ij for 1-based slots, broadcastable to (B, 1, n, n).</summary>
    private Tensor UnnormalizedWeights(MixerInput input)
    {
        var n = input.Length;
        var device = input.Raw.device;
        return _pattern switch
        {
            Pattern.Average => ones([1, 1, 1, n], float32, device),
            Pattern.Linear when Options.FixedIndex == "relative" =>
                // Slots counted from the first real item: with left padding, cumsum(m) is that count.
                input.KeepMask.squeeze(-1).cumsum(1).view(input.Batch, 1, 1, n),
            Pattern.Linear => arange(input.Offset + 1, input.Offset + n + 1, dtype: float32, device: device).view(1, 1, 1, n),
            Pattern.Exponential => ExponentialDecay(n, device),
            _ => throw new InvalidOperationException(),
        };
    }

    private Tensor ExponentialDecay(long n, Sweeps.Torch.Device device)
    {
        var slots = arange(0, n, dtype: float32, device: device);
        var offset = slots.view(1, n) - slots.view(n, 1); // j − i
        // Clamped above at 0: future slots are masked anyway, and e^{λ(j−i)} would overflow there.
        return (offset.clamp_max(0) * Options.FixedLambda).exp().view(1, 1, n, n);
    }
}
