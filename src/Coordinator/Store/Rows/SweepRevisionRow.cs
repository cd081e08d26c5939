namespace Sweeps.Coordinator.Store.Rows;

/// <summary>A sweep's file as it was before a submission under the same name replaced it
/// (<c>--replace</c>); its job list is in <see cref="SweepRevisionJobRow"/>.</summary>
public sealed class SweepRevisionRow
{
    public required string SweepId { get; set; }
    public int Revision { get; set; }
    public required string SourceText { get; set; }
    public long ReplacedAtMs { get; set; }
}

public sealed class SweepRevisionJobRow
{
    public required string SweepId { get; set; }
    public int Revision { get; set; }
    public required string JobId { get; set; }
}
