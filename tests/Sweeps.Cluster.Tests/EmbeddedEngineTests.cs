using Sweeps.Cluster.Hosting;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Submission;
using Sweeps.Worker.Execution;

namespace Sweeps.Cluster.Tests;

/// <summary>The one-process engine of <c>sweeps run</c> and <c>sweeps serve</c>.</summary>
public sealed class EmbeddedEngineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-engine-").FullName;

    [Fact]
    public async Task It_refuses_a_sweep_for_a_device_its_slots_lack_and_takes_one_for_theirs()
    {
        await using var store = SweepStore.Open(Path.Combine(_directory, "sweeps.db"));
        await using var engine = new EmbeddedEngine(store, 1, ExecutorRegistry.WithBuiltIns(), CoordinatorOptions.ForSlots(1));

        var refusal = await Assert.ThrowsAsync<SweepNeedsDeviceException>(() =>
            engine.Coordinator.SubmitAsync(TestJobs.Sweep("on-gpu", [TestJobs.Sleeping(1, sleepMs: 0)]) with { Device = DeviceKind.Cuda }));
        Assert.Contains("train on cpu", refusal.Message);

        var accepted = await engine.Coordinator.SubmitAsync(TestJobs.Sweep("on-cpu", [TestJobs.Sleeping(1, sleepMs: 0)]) with { Device = DeviceKind.Cpu });
        Assert.Equal(1, accepted.Added);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
