using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.Submission;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

/// <summary>A sweep's <c>device: {kind: …}</c> decides which workers may lease its jobs.</summary>
public sealed class DeviceRoutingTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_worker_leases_only_the_jobs_its_device_can_run_oldest_offer_first()
    {
        await using var temp = new TempStore();
        await using var coordinator = Coordinator(temp, onlyDevice: null);
        await coordinator.SubmitAsync(Jobs.Sweep("on-gpu", Jobs.Grid("noop", [10], [1, 2])) with { Device = DeviceKind.Cuda });
        await coordinator.SubmitAsync(Jobs.Sweep("on-cpu", Jobs.Grid("noop", [20], [1, 2])) with { Device = DeviceKind.Cpu });
        await coordinator.SubmitAsync(Jobs.Sweep("anywhere", Jobs.Grid("noop", [30], [1])));
        await coordinator.StartAsync();

        var cpu = await LeaseAllAsync(coordinator, DeviceKind.Cpu, 3);
        Assert.Equal([20, 20, 30], cpu.Select(m => m.Job.GetInt("maxlen", 0)));
        Assert.All(cpu, m => Assert.NotEqual(DeviceKind.Cuda, m.Device));
        Assert.Empty(await coordinator.LeaseAsync("cpu-silo", "cpu", DeviceKind.Cpu, 1, Short, CancellationToken.None));

        var gpu = await LeaseAllAsync(coordinator, DeviceKind.Cuda, 2);
        Assert.Equal([10, 10], gpu.Select(m => m.Job.GetInt("maxlen", 0)));
        Assert.All(gpu, m => Assert.Equal(DeviceKind.Cuda, m.Device));
    }

    [Fact]
    public async Task Jobs_waiting_for_an_absent_gpu_worker_do_not_hold_back_the_others()
    {
        await using var temp = new TempStore();
        await using var coordinator = new SweepCoordinator(temp.Store,
            new CoordinatorOptions(2, new RetryOptions(3, TimeSpan.FromMilliseconds(5)), TimeProvider.System, Leases: LeaseOptions.OneProcess));
        await coordinator.SubmitAsync(Jobs.Sweep("on-gpu", Jobs.Grid("noop", [10], [1, 2, 3, 4])) with { Device = DeviceKind.Cuda });
        await coordinator.SubmitAsync(Jobs.Sweep("on-cpu", Jobs.Grid("noop", [20], [1, 2, 3])) with { Device = DeviceKind.Cpu });
        await coordinator.StartAsync();

        // A window of 2 per kind: the GPU jobs fill theirs, the CPU jobs still come, two at a time.
        var cpu = new List<Contracts.Attempts.JobMessage>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (cpu.Count < 3 && !patience.IsCancellationRequested)
            foreach (var message in await coordinator.LeaseAsync("cpu-silo", "cpu", DeviceKind.Cpu, 1, Long, CancellationToken.None))
            {
                cpu.Add(message);
                var now = DateTimeOffset.UtcNow;
                Assert.True(await coordinator.ReportAsync("cpu-silo", new JobStarted(message.Job.Id, message.AttemptToken, "cpu", now, now), CancellationToken.None));
                Assert.True(await coordinator.ReportAsync("cpu-silo",
                    new JobSucceeded(message.Job.Id, message.AttemptToken, "cpu", now, ScriptedWorker.Result(message.Job), new AttemptTiming(now, now, now)),
                    CancellationToken.None));
            }
        Assert.Equal([20, 20, 20], cpu.Select(m => m.Job.GetInt("maxlen", 0)));
    }

    [Fact]
    public async Task A_job_of_a_cpu_sweep_and_a_cuda_sweep_runs_on_either()
    {
        await using var temp = new TempStore();
        await using var coordinator = Coordinator(temp, onlyDevice: null);
        var shared = Jobs.Grid("noop", [10], [1]);
        await coordinator.SubmitAsync(Jobs.Sweep("on-gpu", shared) with { Device = DeviceKind.Cuda });
        await coordinator.SubmitAsync(Jobs.Sweep("on-cpu", shared) with { Device = DeviceKind.Cpu });
        await coordinator.StartAsync();

        var leased = Assert.Single(await coordinator.LeaseAsync("cpu-silo", "cpu", DeviceKind.Cpu, 1, Long, CancellationToken.None));
        Assert.Equal(DeviceKind.Any, leased.Device);
    }

    [Fact]
    public async Task One_process_refuses_a_sweep_for_a_device_it_has_not_and_writes_nothing()
    {
        await using var temp = new TempStore();
        await using var coordinator = Coordinator(temp, onlyDevice: DeviceKind.Cpu);

        var refusal = await Assert.ThrowsAsync<SweepNeedsDeviceException>(() =>
            coordinator.SubmitAsync(Jobs.Sweep("on-gpu", Jobs.Grid("noop", [10], [1])) with { Device = DeviceKind.Cuda }));

        Assert.Contains("asks for device kind cuda", refusal.Message);
        Assert.Null(await temp.Store.LoadDumpAsync("on-gpu"));
        await coordinator.SubmitAsync(Jobs.Sweep("anywhere", Jobs.Grid("noop", [10], [1])));
    }

    [Fact]
    public async Task A_job_of_a_cpu_sweep_and_an_any_sweep_runs_on_the_cpu_only()
    {
        await using var temp = new TempStore();
        await using var coordinator = Coordinator(temp, onlyDevice: null);
        var shared = Jobs.Grid("noop", [10], [1]);
        await coordinator.SubmitAsync(Jobs.Sweep("on-cpu", shared) with { Device = DeviceKind.Cpu });
        await coordinator.SubmitAsync(Jobs.Sweep("anywhere", shared));
        await coordinator.StartAsync();

        Assert.Empty(await coordinator.LeaseAsync("gpu-silo", "gpu", DeviceKind.Cuda, 1, Short, CancellationToken.None));
        var leased = Assert.Single(await coordinator.LeaseAsync("cpu-silo", "cpu", DeviceKind.Cpu, 1, Long, CancellationToken.None));
        Assert.Equal(DeviceKind.Cpu, leased.Device);
    }

    [Theory]
    [InlineData(false, false, DeviceKind.Any)]
    [InlineData(true, false, DeviceKind.Cpu)]
    [InlineData(false, true, DeviceKind.Cuda)]
    [InlineData(true, true, DeviceKind.Any)]
    public void A_jobs_sweeps_agree_on_the_one_kind_they_ask_for_or_accept_any(bool cpu, bool cuda, DeviceKind agreed) =>
        Assert.Equal(agreed, DeviceKinds.Agreed(cpu, cuda));

    private static SweepCoordinator Coordinator(TempStore temp, DeviceKind? onlyDevice) =>
        new(temp.Store, new CoordinatorOptions(16, new RetryOptions(3, TimeSpan.FromMilliseconds(5)), TimeProvider.System, Leases: LeaseOptions.OneProcess)
        {
            OnlyDevice = onlyDevice,
        });

    private static async Task<List<Contracts.Attempts.JobMessage>> LeaseAllAsync(SweepCoordinator coordinator, DeviceKind device, int count)
    {
        var leased = new List<Contracts.Attempts.JobMessage>();
        while (leased.Count < count)
            leased.AddRange(await coordinator.LeaseAsync($"{device}-silo", $"{device}", device, count - leased.Count, Long, CancellationToken.None));
        return leased;
    }
}
