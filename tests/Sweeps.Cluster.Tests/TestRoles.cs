using Sweeps.Cluster.Hosting;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Slots;

namespace Sweeps.Cluster.Tests;

/// <summary>The roles of the in-process test clusters, with timings short enough for tests: a silent
/// worker's lease lapses after 3 s, a retry waits 10 ms, a running job reports every half second.</summary>
internal static class TestRoles
{
    public static CoordinatorRole Coordinator(SweepStore store, int slots = 2) =>
        new(store, CoordinatorOptions.ForSlots(slots, new RetryOptions(3, TimeSpan.FromMilliseconds(10)), new LeaseOptions(TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.Zero)));

    /// <summary>One slot, named after its silo, checkpointing under <paramref name="checkpoints"/>; it
    /// leases the jobs <paramref name="device"/> can run (noop jobs need no device of that kind).</summary>
    public static WorkerRole Worker(string siloName, string checkpoints, DeviceKind device = DeviceKind.Any) =>
        new(new DeviceSlots(device.Name(), ExecutorRegistry.WithBuiltIns(),
            new WorkerOptions(1, checkpoints, siloName, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(100)) { Device = device }));
}
