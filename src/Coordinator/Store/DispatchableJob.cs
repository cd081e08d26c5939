using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Store;

/// <summary>A pending job, with the attempts it has used so far.</summary>
public sealed record DispatchableJob(JobSpec Spec, int Attempts);
