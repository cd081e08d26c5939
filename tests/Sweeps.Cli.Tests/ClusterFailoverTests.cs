using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

/// <summary>Cluster mode with real processes over a private Redis: a coordinator, two workers, a
/// sweep submitted with <c>sweeps submit</c>, one worker killed with SIGKILL mid-job, and
/// <c>sweeps doctor --cluster</c> afterwards.</summary>
public sealed class ClusterFailoverTests
{
    private const string Sweep = """
        name: failover
        datasets: [toy]
        models: [noop]
        seeds: [1, 2, 3, 4, 5, 6]
        fixed:
          epochs: 3
          noop_sleep_ms: 1500
        """;

    [Fact]
    public async Task A_worker_killed_mid_job_its_job_completes_elsewhere_and_every_job_has_one_result()
    {
        await using var cluster = new ClusterProcesses();
        await File.WriteAllTextAsync(Path.Combine(cluster.DataDirectory, "toy.txt"), "1 1 2 3\n2 2 3 4\n");
        await File.WriteAllTextAsync(Path.Combine(cluster.Directory, "failover.yaml"), Sweep);
        await cluster.StartRedisAsync();
        await cluster.StartCoordinatorAsync();
        var doomed = cluster.StartWorker("worker-a");
        var survivor = cluster.StartWorker("worker-b");

        var (code, output) = await cluster.RunAsync("submit", "failover.yaml", "--coordinator", cluster.ApiUrl);
        Assert.True(code == 0, output);
        Assert.Contains("6 jobs, 6 new", output);


        var victim = await WaitForAsync(cluster.StorePath, jobs => jobs.FirstOrDefault(j => j.State == JobState.Running && j.WorkerId!.Contains($"/{doomed.Id}/")), "a job running on the first worker");
        doomed.Kill();
        await doomed.WaitForExitAsync();

        var final = await WaitForAsync(cluster.StorePath, jobs => jobs.All(j => j.State == JobState.Succeeded) ? jobs : null, "every job succeeded");
        Assert.Equal(6, final.Count);
        var moved = final.Single(j => j.Id == victim.Id);
        Assert.Contains($"/{survivor.Id}/", moved.WorkerId);

        // doctor sees the coordinator, the surviving worker and the killed one declared dead.
        (code, output) = await cluster.RunAsync("doctor", "--cluster", cluster.Cluster);
        Assert.True(code == 0, output);
        var lines = output.Split('\n');
        Assert.Equal(2, lines.Count(line => line.Contains("Active", StringComparison.Ordinal)));
        Assert.Single(lines, line => line.Contains("Dead", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("coordinator", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("worker", StringComparison.Ordinal) && line.Contains("cpu", StringComparison.Ordinal));
        await using var store = SweepStore.Open(cluster.StorePath);
        foreach (var job in final)
        {
            Assert.NotNull((await store.FindJobAsync(job.Id))!.Result);
            Assert.Equal(3, await store.CountEpochsAsync(job.Id));
        }
    }

    private static async Task<T> WaitForAsync<T>(string storePath, Func<IReadOnlyList<JobView>, T?> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            if (!File.Exists(storePath)) continue;
            await using var store = SweepStore.Open(storePath);
            if (probe(await store.ListJobsAsync("failover")) is { } found) return found;
        }
        throw new TimeoutException($"timed out waiting for {what}");
    }
}
