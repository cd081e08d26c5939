using Sweeps.Coordinator.Dispatch;

namespace Sweeps.Coordinator;

/// <param name="MaxInFlight">Jobs dispatched but not finished, at most; twice the worker slots keeps
/// every slot fed without building a queue that a cancel would have to chase.</param>
public sealed record CoordinatorOptions(int MaxInFlight, RetryOptions Retry, TimeProvider Clock)
{
    public static CoordinatorOptions ForSlots(int slots, RetryOptions? retry = null) =>
        new(Math.Max(2, slots * 2), retry ?? new RetryOptions(), TimeProvider.System);
}
