using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Contracts.Attempts;

/// <summary>One attempt at one job, as a worker receives it. Self-contained: a worker needs nothing
/// else from the coordinator to run it, so any transport can carry it.</summary>
/// <param name="AttemptToken">Unique per dispatch; events carrying an older token are stale and ignored.</param>
/// <param name="Attempt">1-based attempt number, so an executor can tell a first run from a retry.</param>
/// <param name="EnqueuedAt">When the coordinator published it; the worker measures queue wait from it.</param>
public sealed record JobMessage(JobSpec Job, string AttemptToken, int Attempt, DateTimeOffset EnqueuedAt)
{
    /// <summary>Save the run's final weights where the worker keeps weights (a sweep's <c>keep: [weights]</c>).
    /// Outside the job spec, so it never changes a job's id.</summary>
    public bool KeepWeights { get; init; }

    /// <summary>The device kind its sweeps ask for (<c>device: {kind: …}</c>); only workers training on
    /// such a device lease it. Outside the job spec, like <see cref="KeepWeights"/>.</summary>
    public DeviceKind Device { get; init; }
}
