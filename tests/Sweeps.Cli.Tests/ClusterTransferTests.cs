using System.Security.Cryptography;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cli.Tests;

/// <summary>Cluster mode with real processes and no shared disk: workers started without a data
/// directory fetch datasets from the coordinator by content hash, a dataset changed on the coordinator
/// after submission is refused, kept weights and checkpoints travel to the coordinator, and a job
/// killed on one worker resumes on another from the checkpoint it uploaded.</summary>
public sealed class ClusterTransferTests
{
    [Fact]
    public async Task A_worker_without_the_dataset_fetches_it_by_hash_into_its_cache_and_hands_over_kept_weights()
    {
        await using var cluster = new ClusterProcesses();
        await File.WriteAllTextAsync(Path.Combine(cluster.Directory, "fetch.yaml"), """
            name: fetch
            datasets: [synthetic-small]
            models: [sasrec]
            seeds: [1]
            fixed: {maxlen: 8, hidden: 8, batch: 128}
            training: {epochs: 2, eval_every: 1}
            keep: [weights]
            """);
        await cluster.StartRedisAsync();
        await cluster.StartCoordinatorAsync();
        cluster.StartWorker("worker-a", withData: false);

        var (code, output) = await cluster.RunAsync("submit", "fetch.yaml", "--coordinator", cluster.ApiUrl);
        Assert.True(code == 0, output);
        var job = Assert.Single(await WaitForAsync(cluster, "fetch", jobs => jobs.All(j => j.State == JobState.Succeeded) ? jobs : null, "the job succeeded"));

        await using var store = SweepStore.Open(cluster.StorePath);
        var hash = (await store.FindJobAsync(job.Id))!.Spec.DatasetHash;
        Assert.Equal(Sha256Of(Path.Combine(cluster.DataDirectory, "synthetic-small.txt")), hash);
        var fetched = new WorkerCache(cluster.CacheOf("worker-a")).DatasetFile(hash);
        Assert.True(File.Exists(fetched), $"no {fetched}");
        Assert.Equal(hash, Sha256Of(fetched));
        Assert.True(File.Exists(KeptWeights.FileIn(KeptWeights.RootOf(cluster.StorePath), job.Id)), "the kept weights are not beside the store");
        Assert.Empty(Directory.GetFiles(new WorkerCache(cluster.CacheOf("worker-a")).Weights));
    }

    [Fact]
    public async Task A_dataset_changed_on_the_coordinator_after_submission_is_refused_without_quoting_it()
    {
        await using var cluster = new ClusterProcesses();
        var dataset = Path.Combine(cluster.DataDirectory, "shop.txt");
        await File.WriteAllLinesAsync(dataset, Enumerable.Range(1, 40).Select(u => $"{u} 7001 7002 7003 {7000 + u % 9}"));
        await File.WriteAllTextAsync(Path.Combine(cluster.Directory, "changed.yaml"), """
            name: changed
            datasets: [shop]
            models: [sasrec]
            seeds: [1]
            fixed: {maxlen: 8, hidden: 8, batch: 128}
            training: {epochs: 1}
            """);
        await cluster.StartRedisAsync();
        await cluster.StartCoordinatorAsync();
        var (code, output) = await cluster.RunAsync("submit", "changed.yaml", "--coordinator", cluster.ApiUrl);
        Assert.True(code == 0, output);

        await File.AppendAllTextAsync(dataset, "41 7004 7005 7006\n");
        cluster.StartWorker("worker-a", withData: false);

        var job = Assert.Single(await WaitForAsync(cluster, "changed", jobs => jobs.All(j => j.State is JobState.Failed or JobState.DeadLettered) ? jobs : null, "the job failed"));
        Assert.Contains("changed or was removed after the sweep was submitted", job.LastError);
        Assert.DoesNotContain("7001 7002", job.LastError);
        Assert.Empty(Directory.EnumerateFiles(new WorkerCache(cluster.CacheOf("worker-a")).Datasets));
    }

    [Fact]
    public async Task A_job_killed_on_one_worker_resumes_on_another_from_the_checkpoint_it_uploaded()
    {
        await using var cluster = new ClusterProcesses();
        await File.WriteAllTextAsync(Path.Combine(cluster.DataDirectory, "toy.txt"), "1 1 2 3\n2 2 3 4\n");
        await File.WriteAllTextAsync(Path.Combine(cluster.Directory, "resume.yaml"), """
            name: resume
            datasets: [toy]
            models: [noop]
            seeds: [1]
            fixed: {epochs: 8, noop_sleep_ms: 12000}
            """);
        await cluster.StartRedisAsync();
        await cluster.StartCoordinatorAsync();
        var first = cluster.StartWorker("worker-a", withData: false);
        var (code, output) = await cluster.RunAsync("submit", "resume.yaml", "--coordinator", cluster.ApiUrl);
        Assert.True(code == 0, output);
        var job = Assert.Single(await WaitForAsync(cluster, "resume", jobs => jobs.All(j => j.State == JobState.Running) ? jobs : null, "the job running"));

        // Once the coordinator holds the checkpoint of the second epoch or later, the first worker goes.
        var stored = Path.Combine(Path.GetDirectoryName(cluster.StorePath)!, "checkpoints", job.Id);
        await WaitForAsync(cluster, "resume", _ => CheckpointMarker.Read(stored) is { Epoch: >= 2 } marker ? marker : null, "an uploaded checkpoint");
        first.Kill();
        await first.WaitForExitAsync();
        var uploaded = CheckpointMarker.Read(stored)!;
        Assert.Equal(uploaded.Epoch.ToString(), await File.ReadAllTextAsync(Path.Combine(stored, "noop-epoch.txt")));
        // The store keeps the first worker's first epoch (later ones are persisted every 10 s only).
        await using (var store = SweepStore.Open(cluster.StorePath))
            job = (await store.ListJobsAsync("resume")).Single();

        var second = cluster.StartWorker("worker-b", withData: false);
        // A new attempt's first report is stored at once: the epoch after the checkpoint, or epoch 1 when started over.
        var reported = await WaitForAsync(cluster, "resume", jobs => jobs.Single() is var view && view.WorkerId!.Contains($"/{second.Id}/")
            && (view.CurrentEpoch != job.CurrentEpoch || view.State == JobState.Succeeded) ? view : null, "the second worker's first report");
        Assert.Equal((JobState.Running, uploaded.Epoch + 1), (reported.State, reported.CurrentEpoch));

        await WaitForAsync(cluster, "resume", jobs => jobs.Single().State == JobState.Succeeded ? jobs : null, "the job succeeded");
        await using (var store = SweepStore.Open(cluster.StorePath))
            Assert.Equal(8, await store.CountEpochsAsync(job.Id));
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<T> WaitForAsync<T>(ClusterProcesses cluster, string sweep, Func<IReadOnlyList<JobView>, T?> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            if (!File.Exists(cluster.StorePath)) continue;
            await using var store = SweepStore.Open(cluster.StorePath);
            var jobs = await store.ListJobsAsync(sweep);
            if (jobs.Count > 0 && probe(jobs) is { } found) return found;
        }
        throw new TimeoutException($"timed out waiting for {what}");
    }
}
