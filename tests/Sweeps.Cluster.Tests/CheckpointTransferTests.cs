using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Transfer;
using Sweeps.Coordinator;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Tests;

/// <summary>A coordinator silo and two worker silos that share no folder: each worker keeps its own
/// cache, uploads its job's checkpoints to the coordinator, and a job whose worker is killed resumes on
/// the other from the last checkpoint uploaded.</summary>
public sealed class CheckpointTransferTests : IAsyncLifetime
{
    private const string CoordinatorSilo = "Silo_0";
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-checkpoints-").FullName;
    private SweepStore _store = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _store = SweepStore.Open(Path.Combine(_directory, "sweeps.db"));
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            if (options.SiloName == CoordinatorSilo)
            {
                silo.AddSweeps(TestRoles.Coordinator(_store), worker: null);
            }
            else
            {
                var cache = new WorkerCache(Path.Combine(_directory, options.SiloName));
                silo.AddSweeps(coordinator: null, TestRoles.Worker(options.SiloName, cache.Checkpoints) with { Cache = cache });
            }
            silo.WithFastFailureDetection();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    private SweepCoordinator Coordinator =>
        _cluster.Silos.Single(s => s.Name == CoordinatorSilo).ServiceProvider.GetRequiredService<SweepCoordinator>();

    [Fact]
    public async Task A_job_whose_worker_is_killed_resumes_on_the_other_from_its_uploaded_checkpoint()
    {
        var job = TestJobs.Sleeping(seed: 7, sleepMs: 4000, epochs: 8);
        await Coordinator.SubmitAsync(TestJobs.Sweep("moved", [job]));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stored = Path.Combine(StoreFolders.Checkpoints(_store.Path), job.Id);
        while (CheckpointMarker.Read(stored) is not { Epoch: >= 2 })
            await Task.Delay(20, timeout.Token);
        var first = Coordinator.Board.Running.Single(j => j.JobId == job.Id).WorkerId;

        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.Name == first));
        // The killed worker's last upload may still land after the kill; once the job runs elsewhere its
        // attempt is no longer current and the coordinator refuses it, so the checkpoint is read then.
        CheckpointMarker? uploaded = null;
        int? resumedAt = null;
        while (resumedAt is null)
        {
            if (Coordinator.Board.Running.SingleOrDefault(j => j.JobId == job.Id && j.WorkerId != first) is { } moved)
            {
                uploaded ??= CheckpointMarker.Read(stored);
                if (moved.Progress is { } progress) resumedAt = progress.Epoch;
            }
            await Task.Delay(10, timeout.Token);
        }
        await Coordinator.WaitForSweepAsync("moved", timeout.Token);

        // Started over, the other worker would report epoch 1 first.
        Assert.NotNull(uploaded);
        Assert.True(uploaded.Epoch >= 2);
        Assert.Equal(uploaded.Epoch + 1, resumedAt);
        var view = Assert.Single(await _store.ListJobsAsync("moved"));
        Assert.Equal(JobState.Succeeded, view.State);
        Assert.NotEqual(first, view.WorkerId);
        Assert.Equal(8, await _store.CountEpochsAsync(job.Id));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _store.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
