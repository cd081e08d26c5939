using Sweeps.Cluster.Hosting;
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

    /// <summary>One slot on the CPU, named after its silo, checkpointing under <paramref name="checkpoints"/>.</summary>
    public static WorkerRole Worker(string siloName, string checkpoints) =>
        new(new DeviceSlots("cpu", ExecutorRegistry.WithBuiltIns(),
            new WorkerOptions(1, checkpoints, siloName, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(100))));
}
