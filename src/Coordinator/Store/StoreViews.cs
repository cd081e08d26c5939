using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Coordinator.Store;

/// <summary>A sweep with how many of its jobs are in each state.</summary>
public sealed record SweepSummary(string Id, bool Cancelled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<string> Tuned, IReadOnlyDictionary<JobState, int> Counts)
{
    public int Total => Counts.Values.Sum();
    public int Count(JobState state) => Counts.TryGetValue(state, out var n) ? n : 0;
}

/// <summary>One job as a person inspecting a sweep sees it.</summary>
public sealed record JobView(string Id, string ConfigId, string Dataset, string Model, int Seed, JobState State,
    int Attempts, string? LastError, string? WorkerId, int? CurrentEpoch, int? TotalEpochs,
    double? QueueWaitMs, double? StartupMs, double? ReportingMs);

/// <summary>A job of a sweep with its result, if any: the input of aggregation.</summary>
public sealed record JobOutcome(JobSpec Spec, JobState State, MetricSet? Valid, MetricSet? Test);

/// <summary>A finished job with what is needed to run it again and compare.</summary>
public sealed record StoredJob(JobSpec Spec, JobState State, RunResultSummary? Result);

public sealed record RunResultSummary(int SelectedEpoch, MetricSet Valid, MetricSet Test, long ParameterCount,
    double TrainSeconds, string Device, RunManifest Manifest);

/// <summary>The orchestration overhead of one finished job.</summary>
public sealed record JobLatency(double QueueWaitMs, double StartupMs, double ReportingMs);

/// <summary>A sweep's earlier file, replaced by a later submission under the same name.</summary>
public sealed record SweepRevision(int Revision, string SourceText, DateTimeOffset ReplacedAt, int JobCount);

/// <summary>What cancelling a sweep did.</summary>
/// <param name="Cancelled">Jobs now Cancelled.</param>
/// <param name="Stopped">Those of them that were queued or running: their attempts are being stopped.</param>
/// <param name="Kept">Unfinished jobs left alone because other active sweeps still need them.</param>
public sealed record SweepCancellation(string SweepId, IReadOnlyList<string> Cancelled, IReadOnlyList<string> Stopped, IReadOnlyList<KeptJob> Kept);

public sealed record KeptJob(string JobId, IReadOnlyList<string> NeededBy);

/// <summary>Everything the store knows about one job's history: what `sweeps logs JOB` prints.</summary>
public sealed record JobLog(JobView Job, IReadOnlyList<string> Sweeps, IReadOnlyList<AttemptView> Attempts, IReadOnlyList<EpochView> Curve);

public sealed record AttemptView(int Number, string Owner, string? WorkerId, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? Outcome, string? Error);

/// <summary>One point of a training curve; the metrics are there at evaluated epochs only.</summary>
public sealed record EpochView(int Epoch, double Loss, double Seconds, double? ValidNdcg10, double? TestNdcg10);
