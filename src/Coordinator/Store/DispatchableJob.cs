using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Store;

/// <summary>A pending job, with the attempts it has used so far and whether an active sweep that
/// contains it asks to keep its final weights.</summary>
public sealed record DispatchableJob(JobSpec Spec, int Attempts)
{
    public bool KeepWeights { get; init; }
}
