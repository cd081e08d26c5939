using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class IngestionTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);

    [Fact]
    public async Task A_result_is_stored_once_however_often_it_is_reported()
    {
        await using var temp = new TempStore();
        var job = Jobs.Make();
        await temp.Store.SubmitAsync(Jobs.Sweep("s", [job]));
        await temp.Store.MarkQueuedAsync(job.Id, "t1");
        var succeeded = Succeeded(job, "t1");

        Assert.Equal(IngestOutcome.Accepted, await temp.Store.ApplySucceededAsync(succeeded));
        Assert.Equal(IngestOutcome.Duplicate, await temp.Store.ApplySucceededAsync(succeeded));
        Assert.Equal(IngestOutcome.Duplicate, await temp.Store.ApplySucceededAsync(Succeeded(job, "t-other")));

        Assert.Equal(2, await temp.Store.CountEpochsAsync(job.Id));
        Assert.Equal(JobState.Succeeded, Assert.Single(await temp.Store.ListJobsAsync("s")).State);
    }

    [Fact]
    public async Task Reports_of_a_superseded_attempt_are_ignored()
    {
        await using var temp = new TempStore();
        var job = Jobs.Make();
        await temp.Store.SubmitAsync(Jobs.Sweep("s", [job]));
        await temp.Store.MarkQueuedAsync(job.Id, "old");
        await temp.Store.ApplyFailedAsync(new JobFailed(job.Id, "old", "w", T0, FailureKind.Transient, "io"));
        await temp.Store.ScheduleRetryAsync(job.Id);
        await temp.Store.MarkQueuedAsync(job.Id, "new");

        Assert.Equal(IngestOutcome.Stale, await temp.Store.ApplySucceededAsync(Succeeded(job, "old")));
        Assert.Equal(IngestOutcome.Stale, await temp.Store.ApplyStartedAsync(new JobStarted(job.Id, "old", "w", T0, T0)));
        Assert.Null((await temp.Store.FindJobAsync(job.Id))!.Result);
        Assert.Equal(IngestOutcome.Accepted, await temp.Store.ApplySucceededAsync(Succeeded(job, "new")));
    }

    [Fact]
    public async Task Latencies_are_recorded_from_the_attempt_timestamps()
    {
        await using var temp = new TempStore();
        var job = Jobs.Make();
        await temp.Store.SubmitAsync(Jobs.Sweep("s", [job]));
        await temp.Store.MarkQueuedAsync(job.Id, "t");
        var now = DateTimeOffset.UtcNow;
        await temp.Store.ApplyStartedAsync(new JobStarted(job.Id, "t", "w", now, now));
        await temp.Store.ApplySucceededAsync(Succeeded(job, "t", new AttemptTiming(now, now.AddMilliseconds(40), now)));

        var latency = Assert.Single(await temp.Store.LoadLatenciesAsync("s"));
        Assert.Equal(40, latency.StartupMs, precision: 3);
        Assert.InRange(latency.QueueWaitMs, 0, 10_000);
        Assert.InRange(latency.ReportingMs, 0, 10_000);
    }

    [Fact]
    public async Task Recovery_puts_back_only_attempts_whose_owner_is_gone_without_using_an_attempt()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sweeps-recover-").FullName, "sweeps.db");
        var gone = Jobs.Make(seed: 1);
        var mine = Jobs.Make(seed: 2);
        await using (var earlier = SweepStore.OpenAsOwner(path, "earlier"))
        {
            await earlier.SubmitAsync(Jobs.Sweep("s", [gone, mine]));
            await earlier.MarkQueuedAsync(gone.Id, "t");
            await earlier.ApplyStartedAsync(new JobStarted(gone.Id, "t", "w", T0, T0));
        }
        await using var store = SweepStore.OpenAsOwner(path, "later");
        await store.MarkQueuedAsync(mine.Id, "u");

        Assert.Equal(1, await store.RecoverInterruptedAsync());

        var views = (await store.ListJobsAsync("s")).ToDictionary(j => j.Id);
        Assert.Equal((JobState.Pending, 0), (views[gone.Id].State, views[gone.Id].Attempts));
        Assert.Equal(JobState.Queued, views[mine.Id].State);
        var attempt = Assert.Single((await store.LoadJobLogAsync(gone.Id))!.Attempts);
        Assert.Equal(("interrupted", "w"), (attempt.Outcome, attempt.WorkerId));
        Assert.Contains("earlier (pid", attempt.Error);
        Assert.Single(await store.NextPendingAsync(10, []));
    }

    private static JobSucceeded Succeeded(Contracts.Jobs.JobSpec job, string token, AttemptTiming? timing = null) =>
        new(job.Id, token, "w", T0, ScriptedWorker.Result(job), timing ?? new AttemptTiming(T0, T0, T0));
}
