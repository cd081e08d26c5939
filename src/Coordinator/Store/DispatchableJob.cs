using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Coordinator.Store;

/// <summary>A pending job, with the attempts it has used so far, whether an active sweep that
/// contains it asks to keep its final weights, and the device kind its active sweeps ask for.</summary>
public sealed record DispatchableJob(JobSpec Spec, int Attempts)
{
    public bool KeepWeights { get; init; }
    public DeviceKind Device { get; init; }
}
