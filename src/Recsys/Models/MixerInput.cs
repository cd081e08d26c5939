using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models;

/// <summary>What a token mixer sees in one block.</summary>
/// <param name="Normalized">Z = LN(X), (B, n, d): the query path.</param>
/// <param name="Raw">X, (B, n, d): the un-normalised block input (values and keys in the reference layout).</param>
/// <param name="Disallowed">(B, 1, n, n) bool: true where key j may not be attended from query i
/// (j &gt; i, or j is padding).</param>
/// <param name="QueryMask">(B, 1, n, 1) float: 0 on padding query rows, whose weights are zeroed.</param>
/// <param name="KeepMask">(B, n, 1) float: the non-padding mask m.</param>
/// <param name="Future">(1, 1, n, n) bool: true where j &gt; i.</param>
public sealed record MixerInput(Tensor Normalized, Tensor Raw, Tensor Disallowed, Tensor QueryMask, Tensor KeepMask, Tensor Future)
{
    /// <summary>The index, among the model's n slots, of this input's first slot: n − Length when a
    /// training batch was cut to its longest history (with left padding those are the last slots),
    /// else 0. Slot-indexed parameters are read from here on.</summary>
    public long Offset { get; init; }

    public long Batch => Raw.size(0);
    public long Length => Raw.size(1);
}
