using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;

namespace Sweeps.Coordinator;

/// <param name="MaxInFlight">Jobs dispatched but not finished, at most, for each device kind a job may
/// need (any, cpu, cuda); twice the worker slots keeps every slot fed without building a queue that a
/// cancel would have to chase.</param>
/// <param name="MaxSubmissionJobs">Jobs one submission may name; a larger sweep is refused before
/// anything is written (a typo in a grid can multiply it by thousands).</param>
/// <param name="Leases">Lease timings; one process's by default.</param>
public sealed record CoordinatorOptions(int MaxInFlight, RetryOptions Retry, TimeProvider Clock,
    long MaxSubmissionJobs = CoordinatorOptions.DefaultMaxSubmissionJobs, LeaseOptions? Leases = null)
{
    public const long DefaultMaxSubmissionJobs = 100_000;

    public LeaseOptions LeaseTimings => Leases ?? LeaseOptions.OneProcess;

    /// <summary>The one kind of device this process's workers train on, when it is fixed (one process):
    /// a sweep that needs another kind is refused at submission rather than left waiting. Null in a
    /// cluster, where workers of any kind may join later.</summary>
    public DeviceKind? OnlyDevice { get; init; }

    public static CoordinatorOptions ForSlots(int slots, RetryOptions? retry = null, LeaseOptions? leases = null,
        long maxSubmissionJobs = DefaultMaxSubmissionJobs) =>
        new(Math.Max(2, slots * 2), retry ?? new RetryOptions(), TimeProvider.System, maxSubmissionJobs, leases);
}
