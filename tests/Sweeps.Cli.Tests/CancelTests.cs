using System.Collections.Immutable;
using Sweeps.Cluster.Hosting;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Submission;
using Sweeps.Worker.Execution;

namespace Sweeps.Cli.Tests;

/// <summary>Cancelling a sweep stops its running job within seconds (its worker slot is free again),
/// while a job another active sweep shares keeps running to its result; both when the cancel comes
/// through the coordinator (the API) and when another process writes it to the store (`sweeps cancel`).</summary>
public sealed class CancelTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancel_stops_the_running_job_and_keeps_the_shared_one(bool throughCoordinator)
    {
        var dir = Directory.CreateTempSubdirectory("sweeps-cancel-").FullName;
        var storePath = Path.Combine(dir, "sweeps.db");
        var alone = Noop("alone", sleepMs: 120_000);
        var shared = Noop("shared", sleepMs: 12_000);
        await using var store = SweepStore.OpenAsOwner(storePath, "test");
        await using var engine = new EmbeddedEngine(store, 2, ExecutorRegistry.WithBuiltIns(), CoordinatorOptions.ForSlots(2));
        await engine.StartAsync();
        await engine.Coordinator.SubmitAsync(new SweepSubmission("a", "name: a", [], [alone, shared]));
        await engine.Coordinator.SubmitAsync(new SweepSubmission("b", "name: b", [], [shared]));
        await WaitAsync(async () => (await store.GetSweepAsync("a"))!.Count(JobState.Running) == 2, "both jobs running");

        SweepCancellation cancellation;
        if (throughCoordinator)
            cancellation = (await engine.Coordinator.CancelAsync("a"))!;
        else
        {
            await using var other = SweepStore.Open(storePath);
            cancellation = (await other.CancelSweepAsync("a"))!;
        }
        Assert.Equal([alone.Id], cancellation.Cancelled);
        Assert.Equal([alone.Id], cancellation.Stopped);
        Assert.Equal(shared.Id, Assert.Single(cancellation.Kept).JobId);

        // Both slots were busy: a new job can only run once the cancelled one has really stopped.
        var probe = Noop("probe", sleepMs: 0);
        await engine.Coordinator.SubmitAsync(new SweepSubmission("c", "name: c", [], [probe]));
        using (var bound = new CancellationTokenSource(StopBound))
            await engine.Coordinator.WaitForSweepAsync("c", bound.Token);
        var sharedNow = (await store.ListJobsAsync("b")).Single();
        Assert.Equal(JobState.Running, sharedNow.State);

        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            await engine.Coordinator.WaitForSweepAsync("b", limit.Token);
        Assert.Equal(JobState.Succeeded, (await store.ListJobsAsync("b")).Single().State);
        var log = (await store.LoadJobLogAsync(alone.Id))!;
        Assert.Equal(JobState.Cancelled, log.Job.State);
        Assert.Equal("cancelled", Assert.Single(log.Attempts).Outcome);
        Assert.Equal(0, await store.CountEpochsAsync(alone.Id));
    }

    private static JobSpec Noop(string tag, int sleepMs) =>
        new("toy", "hash-toy", "noop", ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        [
            KeyValuePair.Create("tag", (HyperValue)tag),
            KeyValuePair.Create("epochs", (HyperValue)4),
            KeyValuePair.Create("noop_sleep_ms", (HyperValue)sleepMs),
        ]), 1);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(50);
        }
    }
}
