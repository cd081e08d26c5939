namespace Sweeps.Worker.Transfer;

/// <param name="ChunkBytes">Bytes per call; Orleans messages stay small and each call short.</param>
/// <param name="RetryDelay">First backoff of a kept-weights upload that got no answer.</param>
public sealed record TransferOptions(int ChunkBytes, TimeSpan RetryDelay)
{
    /// <summary>The most a coordinator takes or serves in one call, whatever a worker asks.</summary>
    public const int MaxChunkBytes = 4 << 20;

    public static TransferOptions Default { get; } = new(1 << 20, TimeSpan.FromMilliseconds(500));
}
