using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Coordinator.Store.Rows;

/// <summary>One job, shared by every sweep that contains it. Times are Unix milliseconds so SQLite
/// can order and subtract them.</summary>
public sealed class JobRow
{
    public required string Id { get; set; }
    public required string ConfigId { get; set; }
    public required string Dataset { get; set; }
    public required string Model { get; set; }
    public int Seed { get; set; }
    public required string SpecJson { get; set; }
    public JobState State { get; set; }
    public int Attempts { get; set; }
    public string? AttemptToken { get; set; }
    public string? LastError { get; set; }
    public string? WorkerId { get; set; }
    public long CreatedAtMs { get; set; }
    /// <summary>The order the job entered the store, after its creation time: a submission adds its new
    /// jobs in the sweep file's order, an import in the record's. Jobs created together (a whole
    /// submission shares one time) are dispatched in this order.</summary>
    public long Sequence { get; set; }
    public long? QueuedAtMs { get; set; }
    public long? StartedAtMs { get; set; }
    public long? FinishedAtMs { get; set; }
    public long? HeartbeatAtMs { get; set; }
    public int? CurrentEpoch { get; set; }
    public int? TotalEpochs { get; set; }
    public double? QueueWaitMs { get; set; }
    public double? StartupMs { get; set; }
    public double? ReportingMs { get; set; }
}
