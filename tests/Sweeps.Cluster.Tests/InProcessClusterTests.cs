using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweeps.Cluster.Hosting;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cluster.Tests;

/// <summary>A coordinator silo and two worker silos in one process (Orleans' in-process test cluster,
/// real silos over loopback): jobs run on workers only, and a worker silo killed mid-job loses nothing.</summary>
public sealed class InProcessClusterTests : IAsyncLifetime
{
    private const string CoordinatorSilo = "Silo_0";
    private const string CpuSilo = "Silo_1";
    private const string GpuSilo = "Silo_2";
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-cluster-").FullName;
    private SweepStore _store = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _store = SweepStore.Open(Path.Combine(_directory, "sweeps.db"));
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            // Dead silos are reclaimed through membership, sooner than a lapsed lease.
            var coordinator = options.SiloName == CoordinatorSilo ? TestRoles.Coordinator(_store, slots: 4) : null;
            // One CPU worker and one GPU worker (noop jobs run anywhere; the kind only routes them).
            var worker = options.SiloName == CoordinatorSilo ? null
                : TestRoles.Worker(options.SiloName, Path.Combine(_directory, "checkpoints"), options.SiloName == CpuSilo ? DeviceKind.Cpu : DeviceKind.Cuda);
            silo.AddSweeps(coordinator, worker).WithFastFailureDetection();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    private SweepCoordinator Coordinator =>
        _cluster.Silos.Single(s => s.Name == CoordinatorSilo).ServiceProvider.GetRequiredService<SweepCoordinator>();

    [Fact]
    public async Task Jobs_run_only_on_worker_silos()
    {
        var jobs = Enumerable.Range(1, 6).Select(seed => TestJobs.Sleeping(seed, sleepMs: 200)).ToList();
        await Coordinator.SubmitAsync(TestJobs.Sweep("spread", jobs));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Coordinator.WaitForSweepAsync("spread", timeout.Token);

        var views = await _store.ListJobsAsync("spread");
        Assert.All(views, j => Assert.Equal(JobState.Succeeded, j.State));
        Assert.All(views, j => Assert.NotEqual(CoordinatorSilo, j.WorkerId));
        Assert.Subset(new HashSet<string?> { "Silo_1", "Silo_2" }, views.Select(j => j.WorkerId).ToHashSet());
    }

    [Fact]
    public async Task A_sweeps_device_kind_sends_its_jobs_to_workers_of_that_kind()
    {
        await Coordinator.SubmitAsync(TestJobs.Sweep("on-gpu", [.. Enumerable.Range(1, 4).Select(seed => TestJobs.Sleeping(seed, sleepMs: 100))]) with { Device = DeviceKind.Cuda });
        await Coordinator.SubmitAsync(TestJobs.Sweep("on-cpu", [.. Enumerable.Range(5, 4).Select(seed => TestJobs.Sleeping(seed, sleepMs: 100))]) with { Device = DeviceKind.Cpu });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Coordinator.WaitForSweepAsync("on-gpu", timeout.Token);
        await Coordinator.WaitForSweepAsync("on-cpu", timeout.Token);

        Assert.All(await _store.ListJobsAsync("on-gpu"), j => Assert.Equal((JobState.Succeeded, GpuSilo), (j.State, j.WorkerId)));
        Assert.All(await _store.ListJobsAsync("on-cpu"), j => Assert.Equal((JobState.Succeeded, CpuSilo), (j.State, j.WorkerId)));
    }

    [Fact]
    public async Task A_worker_silo_killed_mid_job_loses_nothing_and_its_job_finishes_on_the_other()
    {
        var job = TestJobs.Sleeping(seed: 42, sleepMs: 4000, epochs: 8);
        await Coordinator.SubmitAsync(TestJobs.Sweep("failover", [job]));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await RunningOnAsync(job.Id, timeout.Token);
        // Wait for an epoch's checkpoint, so the other worker resumes rather than restarts.
        while (!Coordinator.Board.Running.Any(j => j.JobId == job.Id && j.Progress?.Epoch >= 1))
            await Task.Delay(20, timeout.Token);

        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.Name == first));
        await Coordinator.WaitForSweepAsync("failover", timeout.Token);

        var view = Assert.Single(await _store.ListJobsAsync("failover"));
        Assert.Equal(JobState.Succeeded, view.State);
        Assert.NotEqual(first, view.WorkerId);
        Assert.NotEqual(CoordinatorSilo, view.WorkerId);
        var stored = await _store.FindJobAsync(job.Id);
        Assert.NotNull(stored!.Result);
        Assert.Equal(8, await _store.CountEpochsAsync(job.Id));
    }

    private async Task<string> RunningOnAsync(string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var view = (await _store.ListJobsAsync("failover", cancellationToken)).Single(j => j.Id == jobId);
            if (view is { State: JobState.Running, WorkerId: { } worker }) return worker;
            await Task.Delay(50, cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _store.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
