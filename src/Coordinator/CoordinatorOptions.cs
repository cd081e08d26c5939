using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;

namespace Sweeps.Coordinator;

/// <param name="MaxInFlight">Jobs dispatched but not finished, at most; twice the worker slots keeps
/// every slot fed without building a queue that a cancel would have to chase.</param>
/// <param name="Leases">Lease timings; one process's by default.</param>
public sealed record CoordinatorOptions(int MaxInFlight, RetryOptions Retry, TimeProvider Clock, LeaseOptions? Leases = null)
{
    public LeaseOptions LeaseTimings => Leases ?? LeaseOptions.OneProcess;

    public static CoordinatorOptions ForSlots(int slots, RetryOptions? retry = null, LeaseOptions? leases = null) =>
        new(Math.Max(2, slots * 2), retry ?? new RetryOptions(), TimeProvider.System, leases);
}
