namespace Sweeps.Coordinator.Store.Rows;

/// <summary>The result of a job at its selected epoch; at most one per job, whatever was redelivered.</summary>
public sealed class ResultRow
{
    public required string JobId { get; set; }
    public required string AttemptToken { get; set; }
    public int SelectedEpoch { get; set; }
    public required string ValidJson { get; set; }
    public required string TestJson { get; set; }
    public long ParameterCount { get; set; }
    public double TrainSeconds { get; set; }
    public required string Device { get; set; }
    public required string ManifestJson { get; set; }
    public long RecordedAtMs { get; set; }

    /// <summary>Per-user test ranks at the selected epoch, <see cref="Sweeps.Coordinator.Store.RankCodec"/>-encoded; null for
    /// results recorded before ranks were kept, or by executors that do not rank.</summary>
    public byte[]? TestRanks { get; set; }
}
