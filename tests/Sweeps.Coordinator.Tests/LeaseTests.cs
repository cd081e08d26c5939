using Sweeps.Contracts.Sweeps;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

/// <summary>Leases: a worker that stops reporting or dies loses its job to another worker, its late
/// reports are fenced off by the attempt token, and a restarted coordinator keeps the jobs whose
/// workers still report.</summary>
public sealed class LeaseTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static SweepCoordinator Coordinator(Store.SweepStore store, LeaseOptions leases) =>
        new(store, new CoordinatorOptions(8, new RetryOptions(3, TimeSpan.FromMilliseconds(5)), TimeProvider.System, Leases: leases));

    private static async Task<JobMessage> LeaseOneAsync(SweepCoordinator coordinator, string holder) =>
        Assert.Single(await coordinator.LeaseAsync(holder, holder + "-slot", DeviceKind.Any, 1, Wait, CancellationToken.None));

    private static JobStarted Started(JobMessage m, string worker) => new(m.Job.Id, m.AttemptToken, worker, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private static JobSucceeded Succeeded(JobMessage m, string worker)
    {
        var now = DateTimeOffset.UtcNow;
        return new JobSucceeded(m.Job.Id, m.AttemptToken, worker, now, ScriptedWorker.Result(m.Job), new AttemptTiming(now, now, now));
    }

    [Fact]
    public async Task A_silent_worker_loses_its_job_and_its_late_result_is_stale()
    {
        await using var temp = new TempStore();
        await using var coordinator = Coordinator(temp.Store, new LeaseOptions(TimeSpan.FromMilliseconds(300), TimeSpan.Zero, TimeSpan.Zero));
        await coordinator.StartAsync();
        var job = Jobs.Make(seed: 1);
        await coordinator.SubmitAsync(Jobs.Sweep("silent", [job]));

        var first = await LeaseOneAsync(coordinator, "a");
        Assert.True(await coordinator.ReportAsync("a", Started(first, "a"), CancellationToken.None));
        var second = await LeaseOneAsync(coordinator, "b");

        Assert.Equal(job.Id, second.Job.Id);
        Assert.NotEqual(first.AttemptToken, second.AttemptToken);
        Assert.False(await coordinator.ReportAsync("a", new JobHeartbeat(job.Id, first.AttemptToken, "a", DateTimeOffset.UtcNow), CancellationToken.None));
        Assert.False(await coordinator.ReportAsync("a", Succeeded(first, "a"), CancellationToken.None));
        Assert.True(await coordinator.ReportAsync("b", Started(second, "b"), CancellationToken.None));
        Assert.True(await coordinator.ReportAsync("b", Succeeded(second, "b"), CancellationToken.None));

        var view = Assert.Single(await temp.Store.ListJobsAsync("silent"));
        Assert.Equal((JobState.Succeeded, "b", 1), (view.State, view.WorkerId, view.Attempts));
    }

    [Fact]
    public async Task The_jobs_of_a_holder_declared_dead_are_offered_again_at_once()
    {
        await using var temp = new TempStore();
        await using var coordinator = Coordinator(temp.Store, LeaseOptions.Cluster);
        await coordinator.StartAsync();
        await coordinator.SubmitAsync(Jobs.Sweep("dead", [Jobs.Make(seed: 1)]));
        var first = await LeaseOneAsync(coordinator, "silo-a");
        await coordinator.ReportAsync("silo-a", Started(first, "a"), CancellationToken.None);

        Assert.Empty(await coordinator.LeaseAsync("silo-b", "b", DeviceKind.Any, 1, TimeSpan.FromMilliseconds(200), CancellationToken.None));
        Assert.Equal(1, await coordinator.ReclaimHolderAsync("silo-a"));
        var second = await LeaseOneAsync(coordinator, "silo-b");

        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.False(await coordinator.ReportAsync("silo-a", Succeeded(first, "a"), CancellationToken.None));
    }

    [Fact]
    public async Task A_job_whose_workers_keep_dying_is_given_up_at_the_limit_and_the_losses_do_not_count_before()
    {
        await using var temp = new TempStore();
        await using var coordinator = Coordinator(temp.Store, LeaseOptions.Cluster with { WorkerLossLimit = 3 });
        await coordinator.StartAsync();
        var job = Jobs.Make(seed: 1);
        await coordinator.SubmitAsync(Jobs.Sweep("killer", [job]));

        for (var loss = 1; loss <= 3; loss++)
        {
            var holder = $"silo-{loss}";
            var attempt = await LeaseOneAsync(coordinator, holder);
            Assert.Equal(job.Id, attempt.Job.Id);
            await coordinator.ReportAsync(holder, Started(attempt, holder), CancellationToken.None);
            Assert.Equal(1, await coordinator.ReclaimHolderAsync(holder));
            if (loss < 3)
            {
                // Given back: waiting, or already queued again (the retry waits 5 ms); either way the
                // loss did not count, and only a new attempt does.
                var view = Assert.Single(await temp.Store.ListJobsAsync("killer"));
                Assert.Contains(view.State, new[] { JobState.Pending, JobState.Queued });
                Assert.Equal(view.State == JobState.Pending ? 0 : 1, view.Attempts);
            }
        }

        var deadline = DateTime.UtcNow + Wait;
        JobView given;
        while ((given = Assert.Single(await temp.Store.ListJobsAsync("killer"))).State != JobState.DeadLettered && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(JobState.DeadLettered, given.State);
        Assert.Contains("its worker was lost 3 times", given.LastError);
        var log = (await temp.Store.LoadJobLogAsync(job.Id))!;
        Assert.Equal(3, log.Attempts.Count(a => a.Outcome == "worker lost"));
        // None of them counted against the job, yet the log numbers them apart.
        Assert.Equal([1, 2, 3], log.Attempts.Select(a => a.Number));
        Assert.Empty(await coordinator.LeaseAsync("silo-4", "d", DeviceKind.Any, 1, TimeSpan.FromMilliseconds(200), CancellationToken.None));
    }

    [Fact]
    public async Task A_restarted_coordinator_keeps_jobs_whose_worker_reports_and_takes_back_the_others()
    {
        await using var temp = new TempStore();
        var leases = new LeaseOptions(TimeSpan.FromSeconds(30), AdoptionGrace: TimeSpan.FromMilliseconds(800), UnstartedAdoptionGrace: TimeSpan.FromMilliseconds(800));
        JobMessage alive, silent;
        await using (var before = Coordinator(temp.Store, leases))
        {
            await before.StartAsync();
            await before.SubmitAsync(Jobs.Sweep("restart", [Jobs.Make(seed: 1), Jobs.Make(seed: 2)]));
            alive = await LeaseOneAsync(before, "a");
            silent = await LeaseOneAsync(before, "a");
            await before.ReportAsync("a", Started(alive, "a"), CancellationToken.None);
            await before.ReportAsync("a", Started(silent, "a"), CancellationToken.None);
        }

        await using var after = Coordinator(temp.Store, leases);
        Assert.Equal(2, await after.StartAsync());
        Assert.True(await after.ReportAsync("a", new JobHeartbeat(alive.Job.Id, alive.AttemptToken, "a", DateTimeOffset.UtcNow), CancellationToken.None));
        var retaken = await LeaseOneAsync(after, "b");
        Assert.Equal(silent.Job.Id, retaken.Job.Id);
        Assert.True(await after.ReportAsync("a", Succeeded(alive, "a"), CancellationToken.None));
        Assert.True(await after.ReportAsync("b", Succeeded(retaken, "b"), CancellationToken.None));

        var views = (await temp.Store.ListJobsAsync("restart")).ToDictionary(j => j.Id);
        Assert.Equal((JobState.Succeeded, "a", 1), (views[alive.Job.Id].State, views[alive.Job.Id].WorkerId, views[alive.Job.Id].Attempts));
        Assert.Equal((JobState.Succeeded, "b"), (views[silent.Job.Id].State, views[silent.Job.Id].WorkerId));
    }

    [Fact]
    public async Task A_restarted_coordinator_offers_again_soon_what_no_worker_started_and_waits_longer_for_what_one_did()
    {
        await using var temp = new TempStore();
        var leases = new LeaseOptions(TimeSpan.FromSeconds(30), AdoptionGrace: TimeSpan.FromSeconds(30), UnstartedAdoptionGrace: TimeSpan.FromMilliseconds(300));
        JobMessage started, offered;
        await using (var before = Coordinator(temp.Store, leases))
        {
            await before.StartAsync();
            await before.SubmitAsync(Jobs.Sweep("restart", [Jobs.Make(seed: 1), Jobs.Make(seed: 2)]));
            started = await LeaseOneAsync(before, "a");
            offered = await LeaseOneAsync(before, "a");
            await before.ReportAsync("a", Started(started, "a"), CancellationToken.None);
        }

        await using var after = Coordinator(temp.Store, leases);
        Assert.Equal(2, await after.StartAsync());
        var retaken = await LeaseOneAsync(after, "b");

        Assert.Equal(offered.Job.Id, retaken.Job.Id);
        Assert.NotEqual(offered.AttemptToken, retaken.AttemptToken);
        Assert.Empty(await after.LeaseAsync("b", "b", DeviceKind.Any, 1, TimeSpan.FromMilliseconds(500), CancellationToken.None));
        Assert.True(await after.ReportAsync("a", Succeeded(started, "a"), CancellationToken.None));
        var log = await temp.Store.LoadJobLogAsync(started.Job.Id);
        Assert.Equal(["succeeded"], log!.Attempts.Select(a => a.Outcome));
        // Nobody lost a worker over the offer: it does not count towards the worker-loss limit.
        Assert.Equal("interrupted", (await temp.Store.LoadJobLogAsync(offered.Job.Id))!.Attempts[0].Outcome);
    }
}
