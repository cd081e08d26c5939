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
