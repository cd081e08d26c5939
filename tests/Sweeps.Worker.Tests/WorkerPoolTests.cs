using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Slots;

namespace Sweeps.Worker.Tests;

public sealed class WorkerPoolTests
{
    private static WorkerOptions Options(int slots, string? root = null, TimeSpan? heartbeat = null) =>
        WorkerOptions.Local(slots, root ?? Directory.CreateTempSubdirectory().FullName) with
        {
            HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(30),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };

    [Fact]
    public async Task Runs_jobs_and_reports_start_progress_and_outcome()
    {
        var coordinator = new ScriptedCoordinator();
        var root = Directory.CreateTempSubdirectory().FullName;
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), Options(2, root));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = pool.RunAsync(stop.Token);
        var good = NoopExecutorTests.Job(1, ("epochs", 2), ("noop_sleep_ms", 20));
        var bad = NoopExecutorTests.Job(2, ("noop_outcome", "deterministic_failure"));

        coordinator.Offer(new JobMessage(good, "t1", 1, DateTimeOffset.UtcNow));
        coordinator.Offer(new JobMessage(bad, "t2", 1, DateTimeOffset.UtcNow));
        var events = new List<JobEvent>();
        await foreach (var e in coordinator.Reports.Reader.ReadAllAsync(stop.Token))
        {
            events.Add(e);
            if (events.Count(x => x is JobSucceeded or JobFailed) == 2) break;
        }
        await stop.CancelAsync();
        await running;

        Assert.Equal(2, events.OfType<JobStarted>().Count());
        var succeeded = Assert.Single(events.OfType<JobSucceeded>());
        Assert.Equal((good.Id, "t1"), (succeeded.JobId, succeeded.AttemptToken));
        Assert.True(succeeded.Timing.ExecutorStartedAt >= succeeded.Timing.ReceivedAt);
        Assert.Contains(events.OfType<JobProgressed>(), p => p.JobId == good.Id && p.Progress.Epoch >= 1);
        var failed = Assert.Single(events.OfType<JobFailed>());
        Assert.Equal((bad.Id, FailureKind.Deterministic), (failed.JobId, failed.Kind));
        Assert.True(File.Exists(Path.Combine(root, good.Id, "noop-epoch.txt")));
    }

    [Fact]
    public async Task After_an_out_of_memory_failure_fewer_jobs_share_the_device()
    {
        var coordinator = new ScriptedCoordinator();
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), Options(3, heartbeat: TimeSpan.FromMilliseconds(50)));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = pool.RunAsync(stop.Token);
        var longA = new JobMessage(NoopExecutorTests.Job(11, ("noop_sleep_ms", 60_000)), "a", 1, DateTimeOffset.UtcNow);
        var longB = new JobMessage(NoopExecutorTests.Job(12, ("noop_sleep_ms", 60_000)), "b", 1, DateTimeOffset.UtcNow);
        coordinator.Offer(longA);
        coordinator.Offer(longB);
        await coordinator.NextAsync<JobStarted>(stop.Token);
        await coordinator.NextAsync<JobStarted>(stop.Token);
        coordinator.Offer(new JobMessage(NoopExecutorTests.Job(13, ("noop_outcome", "out_of_memory_on_first_attempt")), "c", 1, DateTimeOffset.UtcNow));

        var failed = await coordinator.NextAsync<JobFailed>(stop.Token);
        Assert.Equal((FailureKind.OutOfMemory, "c"), (failed.Kind, failed.AttemptToken));
        Assert.Contains("3 job(s) on the device", failed.Error);
        Assert.Contains("at most 2 there", failed.Error);
        Assert.Equal(2, pool.Concurrency.Allowed);

        // Two jobs still hold the two slots left: a new job waits, however long, until one ends.
        var next = new JobMessage(NoopExecutorTests.Job(14), "d", 1, DateTimeOffset.UtcNow);
        coordinator.Offer(next);
        await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
        Assert.DoesNotContain(coordinator.All, e => e is JobStarted && e.AttemptToken == "d");
        coordinator.StaleTokens[longA.AttemptToken] = 0;
        var succeeded = await coordinator.NextAsync<JobSucceeded>(stop.Token);
        Assert.Equal("d", succeeded.AttemptToken);

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Stopping_lets_a_job_checkpoint_at_its_epochs_end_and_reports_it_interrupted()
    {
        var coordinator = new ScriptedCoordinator();
        var root = Directory.CreateTempSubdirectory().FullName;
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), Options(1, root) with { StopGrace = TimeSpan.FromMinutes(5) });
        using var stop = new CancellationTokenSource();
        var running = pool.RunAsync(stop.Token);
        var job = NoopExecutorTests.Job(5, ("epochs", 10), ("noop_sleep_ms", 5_000));
        coordinator.Offer(new JobMessage(job, "t", 1, DateTimeOffset.UtcNow));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await coordinator.NextAsync<JobProgressed>(timeout.Token);
        await stop.CancelAsync();
        await running.WaitAsync(timeout.Token);

        var failed = Assert.Single(coordinator.All.OfType<JobFailed>());
        Assert.Equal(FailureKind.Interrupted, failed.Kind);
        var checkpointed = int.Parse(File.ReadAllText(Path.Combine(root, job.Id, "noop-epoch.txt")));
        // Stopped at an epoch's end, long before the grace: the epoch it was in when asked is checkpointed.
        var reported = coordinator.All.OfType<JobProgressed>().Max(p => p.Progress.Epoch);
        Assert.InRange(checkpointed, 1, 9);
        Assert.Equal(reported, checkpointed);
    }

    [Fact]
    public async Task Stopping_cancels_a_job_that_cannot_reach_its_epochs_end_within_the_grace()
    {
        var coordinator = new ScriptedCoordinator();
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), Options(1) with { StopGrace = TimeSpan.FromMilliseconds(200) });
        using var stop = new CancellationTokenSource();
        var running = pool.RunAsync(stop.Token);
        coordinator.Offer(new JobMessage(NoopExecutorTests.Job(3, ("noop_sleep_ms", 60_000)), "t", 1, DateTimeOffset.UtcNow));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await coordinator.NextAsync<JobStarted>(timeout.Token);
        await stop.CancelAsync();
        await running;

        Assert.Equal(FailureKind.Interrupted, (await coordinator.NextAsync<JobFailed>(timeout.Token)).Kind);
    }

    [Fact]
    public async Task An_outcome_is_resent_until_the_coordinator_takes_it()
    {
        var coordinator = new ScriptedCoordinator();
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), Options(1));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = pool.RunAsync(stop.Token);
        var job = NoopExecutorTests.Job(4, ("noop_sleep_ms", 300));
        coordinator.Offer(new JobMessage(job, "t", 1, DateTimeOffset.UtcNow));
        await coordinator.NextAsync<JobStarted>(stop.Token);
        // More refusals than a progress report is retried: only the outcome keeps trying.
        coordinator.Refuse(12);

        var succeeded = await coordinator.NextAsync<JobSucceeded>(stop.Token);
        await stop.CancelAsync();
        await running;

        Assert.Equal(job.Id, succeeded.JobId);
        Assert.Equal(12, coordinator.RefusedCalls);
    }

    [Fact]
    public async Task A_heartbeat_answered_stale_stops_the_attempt_without_an_outcome()
    {
        var coordinator = new ScriptedCoordinator();
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), Options(1, heartbeat: TimeSpan.FromMilliseconds(50)));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = pool.RunAsync(stop.Token);
        coordinator.Offer(new JobMessage(NoopExecutorTests.Job(5, ("noop_sleep_ms", 60_000)), "old", 1, DateTimeOffset.UtcNow));
        await coordinator.NextAsync<JobStarted>(stop.Token);
        coordinator.StaleTokens["old"] = 0;
        await coordinator.NextAsync<JobHeartbeat>(stop.Token);

        // The slot is free again: a new job is taken and finishes while the old one never reports an outcome.
        var next = NoopExecutorTests.Job(6);
        coordinator.Offer(new JobMessage(next, "new", 1, DateTimeOffset.UtcNow));
        var outcome = await coordinator.NextAsync<JobSucceeded>(stop.Token);
        await stop.CancelAsync();
        await running;

        Assert.Equal("new", outcome.AttemptToken);
        Assert.DoesNotContain(coordinator.All, e => e is JobSucceeded or JobFailed && e.AttemptToken == "old");
    }

    [Fact]
    public async Task An_unreadable_checkpoint_is_deleted_and_the_attempt_says_the_job_restarts_from_scratch()
    {
        var coordinator = new ScriptedCoordinator();
        var root = Directory.CreateTempSubdirectory().FullName;
        var job = NoopExecutorTests.Job(4, ("epochs", 2), ("noop_sleep_ms", 20));
        Directory.CreateDirectory(Path.Combine(root, job.Id));
        await File.WriteAllTextAsync(Path.Combine(root, job.Id, "noop-epoch.txt"), "\0garbage");
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), Options(1, root));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = pool.RunAsync(stop.Token);

        coordinator.Offer(new JobMessage(job, "t1", 1, DateTimeOffset.UtcNow));
        var first = await NextOutcomeAsync(coordinator, stop.Token);
        coordinator.Offer(new JobMessage(job, "t2", 2, DateTimeOffset.UtcNow));
        var second = await NextOutcomeAsync(coordinator, stop.Token);
        await stop.CancelAsync();
        await running;

        var failed = Assert.IsType<JobFailed>(first);
        Assert.Equal(FailureKind.Transient, failed.Kind);
        Assert.Contains("checkpoint unreadable", failed.Error);
        Assert.Contains("starts from scratch", failed.Error);
        var succeeded = Assert.IsType<JobSucceeded>(second);
        Assert.Equal(2, succeeded.Result.Curve.Length);
    }

    /// <summary>The coordinator stops an attempt by answering its reports "stale" (a cancel): with the
    /// local heartbeat a running attempt stops within a heartbeat, and one it leased meanwhile is
    /// dropped at its start report, before its executor runs. Neither reports an outcome.</summary>
    [Fact]
    public async Task A_stale_answer_stops_one_running_attempt_and_drops_a_leased_one()
    {
        var coordinator = new ScriptedCoordinator();
        var root = Directory.CreateTempSubdirectory().FullName;
        var pool = new WorkerPool(coordinator, ExecutorRegistry.WithBuiltIns(), WorkerOptions.Local(1, root) with { RetryDelay = TimeSpan.FromMilliseconds(10) });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = pool.RunAsync(stop.Token);
        var slow = NoopExecutorTests.Job(5, ("noop_sleep_ms", 60_000));
        var queued = NoopExecutorTests.Job(6, ("noop_sleep_ms", 60_000));
        var probe = NoopExecutorTests.Job(7);
        coordinator.StaleTokens["q"] = 0;
        coordinator.Offer(new JobMessage(slow, "s", 1, DateTimeOffset.UtcNow));
        await coordinator.NextAsync<JobStarted>(stop.Token);

        coordinator.StaleTokens["s"] = 0;
        coordinator.Offer(new JobMessage(queued, "q", 1, DateTimeOffset.UtcNow));
        coordinator.Offer(new JobMessage(probe, "p", 1, DateTimeOffset.UtcNow));
        // One slot: the probe runs only once the slow attempt has stopped and the leased one was dropped.
        var succeeded = await coordinator.NextAsync<JobSucceeded>(stop.Token);
        Assert.False(stop.IsCancellationRequested, "the stops took the whole test timeout");
        await stop.CancelAsync();
        await running;

        Assert.Equal((probe.Id, "p"), (succeeded.JobId, succeeded.AttemptToken));
        Assert.DoesNotContain(coordinator.All, e => e is JobSucceeded or JobFailed && e.AttemptToken is "s" or "q");
        Assert.Contains(coordinator.All, e => e is JobHeartbeat or JobProgressed && e.AttemptToken == "s");
        Assert.Contains(coordinator.All, e => e is JobStarted && e.AttemptToken == "q");
        Assert.DoesNotContain(coordinator.All, e => e is JobHeartbeat or JobProgressed && e.AttemptToken == "q");
        Assert.False(Directory.Exists(Path.Combine(root, queued.Id)), "the dropped attempt's executor ran");
    }

    private static async Task<JobEvent> NextOutcomeAsync(ScriptedCoordinator coordinator, CancellationToken cancellationToken)
    {
        await foreach (var e in coordinator.Reports.Reader.ReadAllAsync(cancellationToken))
            if (e is JobSucceeded or JobFailed) return e;
        throw new InvalidOperationException("the reports ended");
    }
}
