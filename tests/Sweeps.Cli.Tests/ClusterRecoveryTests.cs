using System.Diagnostics;
using System.Runtime.InteropServices;
using Sweeps.Cli.Tests.Support;
using Sweeps.Cluster.Hosting;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

/// <summary>Cluster mode with real processes over a private Redis, one failure each: the coordinator
/// killed and restarted, Redis killed and restarted empty, a job whose dataset cannot be parsed, a
/// worker stopped with SIGTERM. Each runs a sweep of 30 short noop jobs, and two long ones that are
/// sure to be on the workers when the failure strikes; every job must end with exactly one result.</summary>
public sealed class ClusterRecoveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_coordinator_killed_and_restarted_loses_no_job_and_the_running_ones_finish_their_attempt_on_their_workers()
    {
        await using var cluster = new ClusterProcesses();
        var (_, coordinator) = await StartAsync(cluster);
        StartWorkers(cluster);
        await SubmitAsync(cluster, "long", jobs: 2, sleepMs: 4000);
        await SubmitAsync(cluster, "short", jobs: 30, sleepMs: 300);
        var running = await UntilAsync(cluster, "long", jobs => jobs.Count(j => j.State == JobState.Running) == 2, "both long jobs running");

        coordinator.Kill();
        await coordinator.WaitForExitAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await cluster.StartCoordinatorAsync();
        await UntilAsync(cluster, "long", AllSucceeded, "the long jobs succeeded");
        await UntilAsync(cluster, "short", AllSucceeded, "the short jobs succeeded");

        await using var store = SweepStore.OpenReadOnly(cluster.StorePath);
        await AssertOneResultEachAsync(store, "short", 30);
        foreach (var job in running)
        {
            // Not trained twice: the attempt under way at the kill is the only one, recorded by the new coordinator.
            var attempt = Assert.Single((await store.LoadJobLogAsync(job.Id))!.Attempts);
            Assert.Equal(("succeeded", job.WorkerId), (attempt.Outcome, attempt.WorkerId));
            Assert.True(attempt.StartedAt < killedAt && attempt.FinishedAt > killedAt, $"attempt from {attempt.StartedAt:O} to {attempt.FinishedAt:O}, kill at {killedAt:O}");
        }
    }

    [Fact]
    public async Task Redis_killed_and_restarted_empty_the_cluster_heals_a_worker_that_died_meanwhile_is_detected_and_a_new_one_joins()
    {
        await using var cluster = new ClusterProcesses();
        var (redis, coordinator) = await StartAsync(cluster);
        var (doomed, survivor) = StartWorkers(cluster);
        await SubmitAsync(cluster, "long", jobs: 2, sleepMs: 12000);
        await SubmitAsync(cluster, "short", jobs: 30, sleepMs: 1500);
        var running = await UntilAsync(cluster, "long", jobs => jobs.Count(j => j.State == JobState.Running) == 2, "both long jobs running");
        var victim = running.Single(j => j.WorkerId!.Contains($"/{doomed.Id}/", StringComparison.Ordinal));
        // The loss of a settled cluster, whose silos' copies of the table list one another: a silo that
        // joined within a guard check of the loss may be in no copy, and is then found by its lease lapsing.
        await Task.Delay(MembershipTableGuard.CheckInterval * 3);

        // A worker dies while the table is gone: only a restored table can tell the others.
        redis.Kill();
        doomed.Kill();
        await Task.WhenAll(redis.WaitForExitAsync(), doomed.WaitForExitAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StartRedisAsync();
        var late = cluster.StartWorker("worker-c");
        await UntilAsync(cluster, "long", AllSucceeded, "the long jobs succeeded");
        await UntilAsync(cluster, "short", AllSucceeded, "the short jobs succeeded");

        await using var store = SweepStore.OpenReadOnly(cluster.StorePath);
        await AssertOneResultEachAsync(store, "short", 30);
        await AssertOneResultEachAsync(store, "long", 2);
        // The killed worker was declared dead through the restored table, not timed out two minutes later.
        var attempts = (await store.LoadJobLogAsync(victim.Id))!.Attempts;
        Assert.True(attempts.Any(a => a.Outcome == "worker lost" && a.Error!.Contains("declared dead", StringComparison.Ordinal)),
            // The attempts last: a long failure message is shown by its end.
            string.Join("\n", new[] { coordinator, survivor, late }.Select(p => Describe(cluster, p))) + "\n" + Show(attempts));
        // Retried on a live worker: the survivor or the one that joined after the restart, whichever leased it first.
        Assert.True(attempts.Any(a => a.Outcome == "succeeded"
            && (a.WorkerId!.Contains($"/{survivor.Id}/", StringComparison.Ordinal) || a.WorkerId.Contains($"/{late.Id}/", StringComparison.Ordinal))),
            $"survivor pid {survivor.Id}, late pid {late.Id}; {Show(attempts)}");
        // A worker that started after the restart found the coordinator and trained.
        var jobs = await store.ListJobsAsync("short");
        Assert.True(jobs.Any(j => j.WorkerId!.Contains($"/{late.Id}/", StringComparison.Ordinal)),
            $"no short job on the late worker (pid {late.Id}): {string.Join(", ", jobs.Select(j => j.WorkerId).Distinct())}\n{Describe(cluster, late)}");
        // Every silo that lived through the loss is still active: none read a table that did not list it.
        await UntilDoctorShowsAsync(cluster, active: 3, dead: 1, survivor, late);
    }

    /// <summary>Membership converges through probes and table writes, a few seconds behind the jobs, so
    /// `doctor` is asked again until it shows the expected silos or the patience runs out; a failure
    /// shows how the <paramref name="watched"/> processes ended up.</summary>
    private static async Task UntilDoctorShowsAsync(ClusterProcesses cluster, int active, int dead, params Process[] watched)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var (code, output) = await cluster.RunAsync("doctor", "--cluster", cluster.Cluster);
            Assert.True(code == 0, output);
            // The state column, not any mention: a wrapped row or a silo's name must not count twice.
            var states = output.Split('\n').Select(line => line.Split('│')).Where(cells => cells.Length > 3).Select(cells => cells[3].Trim()).ToList();
            var counts = (Active: states.Count(state => state == "Active"), Dead: states.Count(state => state == "Dead"));
            if (counts.Active == active && counts.Dead >= dead) return;
            // Doctor's table last: a long failure message is shown by its end.
            Assert.True(DateTimeOffset.UtcNow < deadline, string.Join("\n", watched.Select(p => Describe(cluster, p)))
                + $"\nexpected {active} Active and at least {dead} Dead silos, doctor shows:\n{output}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static string Show(IEnumerable<AttemptView> attempts) =>
        "attempts: " + string.Join("; ", attempts.Select(a => $"{a.Outcome} on {a.WorkerId}: {a.Error}"));

    private static string Describe(ClusterProcesses cluster, Process process)
    {
        var state = process.HasExited ? $"exited with code {process.ExitCode}" : "running";
        var tail = cluster.OutputOf(process).Split('\n').TakeLast(40);
        return $"process {process.Id} ({state}), its last output:\n{string.Join('\n', tail)}";
    }

    [Fact]
    public async Task A_job_whose_dataset_cannot_be_parsed_is_dead_lettered_with_its_error_shown_over_the_api_and_the_others_finish()
    {
        await using var cluster = new ClusterProcesses();
        await File.WriteAllTextAsync(Path.Combine(cluster.DataDirectory, "garbage.txt"), "these are not interactions\nat all\n");
        await StartAsync(cluster);
        StartWorkers(cluster);
        await SubmitAsync(cluster, "short", jobs: 30, sleepMs: 300);
        await SubmitAsync(cluster, """
            name: poison
            datasets: [garbage]
            models: [sasrec]
            seeds: [1]
            fixed:
              epochs: 1
            """);

        var poison = Assert.Single(await UntilAsync(cluster, "poison", jobs => jobs.All(j => j.State == JobState.DeadLettered), "the poison job dead-lettered"));
        await UntilAsync(cluster, "short", AllSucceeded, "the short jobs succeeded");

        await using (var store = SweepStore.OpenReadOnly(cluster.StorePath))
        {
            await AssertOneResultEachAsync(store, "short", 30);
            // A malformed dataset fails the same way every time: one attempt, no retry.
            var attempt = Assert.Single((await store.LoadJobLogAsync(poison.Id))!.Attempts);
            Assert.Equal("failed", attempt.Outcome);
            Assert.Equal(1, poison.Attempts);
        }
        var (code, status) = await cluster.RunAsync("status", "poison", "--coordinator", cluster.ApiUrl, "--wide");
        Assert.True(code == 0, status);
        Assert.Contains("dead", status);
        Assert.Contains("garbage.txt:1: expected", status);
        var (logsCode, logs) = await cluster.RunAsync("logs", poison.Id[..12], "--coordinator", cluster.ApiUrl);
        Assert.True(logsCode == 0, logs);
        Assert.Contains("DeadLettered", logs);
        Assert.Contains("garbage.txt:1: expected", logs);
    }

    [Fact]
    public async Task A_worker_stopped_with_sigterm_hands_its_job_back_as_interrupted_and_it_finishes_on_the_other()
    {
        await using var cluster = new ClusterProcesses();
        await StartAsync(cluster);
        var (stopped, survivor) = StartWorkers(cluster);
        // Many short epochs: a stopping worker lets a job finish the epoch it is in, so the signal must
        // not land in the last one (the job would then succeed where it runs, rightly).
        await SubmitAsync(cluster, "long", jobs: 2, sleepMs: 10_000, epochs: 25);
        await SubmitAsync(cluster, "short", jobs: 30, sleepMs: 300);
        var running = await UntilAsync(cluster, "long", jobs => jobs.Count(j => j.State == JobState.Running) == 2, "both long jobs running");
        var victim = running.Single(j => j.WorkerId!.Contains($"/{stopped.Id}/", StringComparison.Ordinal));

        PosixSignals.Send(stopped.Id, PosixSignal.SIGTERM);
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60))) await stopped.WaitForExitAsync(limit.Token);
        Assert.True(stopped.ExitCode == 0, cluster.OutputOf(stopped));
        await UntilAsync(cluster, "long", AllSucceeded, "the long jobs succeeded");
        await UntilAsync(cluster, "short", AllSucceeded, "the short jobs succeeded");

        await using var store = SweepStore.OpenReadOnly(cluster.StorePath);
        await AssertOneResultEachAsync(store, "short", 30);
        var log = (await store.LoadJobLogAsync(victim.Id))!;
        Assert.Equal(2, log.Attempts.Count);
        Assert.Equal(("interrupted", "the worker stopped"), (log.Attempts[0].Outcome, log.Attempts[0].Error));
        Assert.Equal("succeeded", log.Attempts[1].Outcome);
        Assert.Contains($"/{survivor.Id}/", log.Attempts[1].WorkerId);
        // An interruption is not the job's fault: only the successful attempt counts.
        Assert.Equal(1, log.Job.Attempts);
    }

    private static async Task<(Process Redis, Process Coordinator)> StartAsync(ClusterProcesses cluster)
    {
        await File.WriteAllTextAsync(Path.Combine(cluster.DataDirectory, "toy.txt"), "1 1 2 3\n2 2 3 4\n");
        return (await cluster.StartRedisAsync(), await cluster.StartCoordinatorAsync());
    }

    private static (Process First, Process Second) StartWorkers(ClusterProcesses cluster) =>
        (cluster.StartWorker("worker-a"), cluster.StartWorker("worker-b"));

    private static Task SubmitAsync(ClusterProcesses cluster, string name, int jobs, int sleepMs, int epochs = 3) => SubmitAsync(cluster, $"""
        name: {name}
        datasets: [toy]
        models: [noop]
        seeds: [{string.Join(", ", Enumerable.Range(1, jobs))}]
        fixed:
          epochs: {epochs}
          noop_sleep_ms: {sleepMs}
        """);

    private static async Task SubmitAsync(ClusterProcesses cluster, string sweep)
    {
        var file = Path.Combine(cluster.Directory, $"{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, sweep);
        var (code, output) = await cluster.RunAsync("submit", file, "--coordinator", cluster.ApiUrl);
        Assert.True(code == 0, output);
    }

    private static bool AllSucceeded(IReadOnlyList<JobView> jobs) => jobs.All(j => j.State == JobState.Succeeded);

    private static Task<IReadOnlyList<JobView>> UntilAsync(ClusterProcesses cluster, string sweep, Func<IReadOnlyList<JobView>, bool> done, string what) =>
        StorePolling.UntilAsync(cluster.StorePath, async store =>
        {
            var jobs = await store.ListJobsAsync(sweep);
            return jobs.Count > 0 && done(jobs) ? jobs : null;
        }, what, Patience);

    /// <summary>Every job of the sweep has its result and exactly one successful attempt.</summary>
    private static async Task AssertOneResultEachAsync(SweepStore store, string sweep, int count)
    {
        var jobs = await store.ListJobsAsync(sweep);
        Assert.Equal(count, jobs.Count);
        foreach (var job in jobs)
        {
            Assert.NotNull((await store.FindJobAsync(job.Id))!.Result);
            Assert.Single((await store.LoadJobLogAsync(job.Id))!.Attempts, a => a.Outcome == "succeeded");
        }
    }
}
