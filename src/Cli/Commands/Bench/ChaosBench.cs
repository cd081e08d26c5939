using System.CommandLine;
using System.Diagnostics;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Store.Rows;

namespace Sweeps.Cli.Commands.Bench;

/// <summary><c>sweeps bench chaos</c>: a sweep of short noop jobs on a whole cluster on this machine
/// (<see cref="LocalCluster"/>: Redis, a coordinator, three workers), first fault-free, then under the
/// faults of a <see cref="ChaosSchedule"/>; afterwards the store must show every job succeeded, each
/// in exactly one attempt. The last line is the verdict; the exit code is 1 if a job was lost or
/// duplicated.</summary>
public static class ChaosBench
{
    private const int Workers = 3;

    /// <summary>How long the jobs may take before those left unfinished count as lost.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "Noop jobs in the sweep.", DefaultValueFactory = _ => 200 };
        var jobMs = new Option<int>("--job-ms") { Description = "How long each noop job sleeps (ms).", DefaultValueFactory = _ => 300 };
        var seed = new Option<int?>("--seed") { Description = "Seed of the fault schedule (default: a random one, printed)." };
        var command = new Command("chaos", "Kill workers, the coordinator and Redis while a sweep runs on a local cluster; check every job succeeded exactly once.")
        {
            jobs, jobMs, seed,
        };
        command.SetAction(async (parse, _) =>
        {
            // Ctrl-C stops the run; every process it started is killed on the way out.
            using var signals = new ShutdownSignals("bench chaos");
            var (n, ms, s) = (parse.GetValue(jobs), parse.GetValue(jobMs), parse.GetValue(seed) ?? Random.Shared.Next());
            Console.WriteLine($"{n} noop jobs of {ms} ms on a coordinator and {Workers} workers over a private redis-server, on loopback; fault seed {s}");
            var faultFree = await RunAsync(n, ms, seed: null, signals.Stopping);
            Console.WriteLine($"fault-free: {faultFree.Verdict}");
            var chaos = await RunAsync(n, ms, s, signals.Stopping);
            Console.WriteLine($"under faults: {chaos.Verdict}");
            Console.WriteLine($"chaos: jobs {n}, lost {chaos.Lost}, duplicated {chaos.Duplicated}, wall {chaos.Wall.TotalSeconds:F1} s, fault-free {faultFree.Wall.TotalSeconds:F1} s");
            return chaos.Lost + chaos.Duplicated > 0 ? ExitCodes.Incomplete : ExitCodes.Ok;
        });
        return command;
    }

    /// <param name="seed">The fault schedule's seed; none: no faults.</param>
    private static async Task<Outcome> RunAsync(int jobs, int sleepMs, int? seed, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("sweeps-chaos-").FullName;
        var keep = false;
        try
        {
            TimeSpan wall;
            var workerKills = 0;
            await using (var cluster = new LocalCluster(directory))
            {
                await cluster.StartRedisAsync(cancellationToken);
                await cluster.StartCoordinatorAsync(cancellationToken);
                await Task.WhenAll(Enumerable.Range(1, Workers).Select(i => cluster.StartWorkerAsync($"worker-{i}", slots: 1, joined: true, cancellationToken)));
                var clock = Stopwatch.StartNew();
                var faults = seed is { } s ? new ChaosSchedule(new Random(s), jobs, clock) : null;
                await NoopSweep.SubmitAsync(cluster, jobs, sleepMs, cancellationToken);
                await NoopSweep.WaitAsync(cluster, jobs, clock, Limit,
                    succeeded => faults?.StepAsync(cluster, succeeded, cancellationToken) ?? Task.CompletedTask, cancellationToken);
                wall = clock.Elapsed;
                workerKills = faults?.WorkerKills ?? 0;
            }
            var outcome = await CheckAsync(Path.Combine(directory, "sweeps.db"), jobs, wall, workerKills);
            keep = outcome.Lost + outcome.Duplicated > 0;
            if (keep) Console.WriteLine($"the processes' logs and the store are kept in {directory}");
            return outcome;
        }
        finally
        {
            if (!keep) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Lost: a job without its result. Duplicated: a job the store shows succeeding in more
    /// than one attempt.</summary>
    private static async Task<Outcome> CheckAsync(string storePath, int jobs, TimeSpan wall, int workerKills)
    {
        await using var store = SweepStore.OpenReadOnly(storePath);
        var views = await store.ListJobsAsync(NoopSweep.Name);
        int lost = jobs - views.Count, duplicated = 0, interrupted = 0, workerLost = 0;
        foreach (var job in views)
        {
            var log = (await store.LoadJobLogAsync(job.Id))!;
            var successes = log.Attempts.Count(a => a.Outcome == AttemptOutcomes.Succeeded);
            if (job.State != JobState.Succeeded || successes == 0 || (await store.FindJobAsync(job.Id))?.Result is null) lost++;
            if (successes > 1) duplicated++;
            interrupted += log.Attempts.Count(a => a.Outcome == AttemptOutcomes.Interrupted);
            workerLost += log.Attempts.Count(a => a.Outcome == AttemptOutcomes.WorkerLost);
        }
        return new Outcome(lost, duplicated, wall, workerKills, interrupted, workerLost);
    }

    private sealed record Outcome(int Lost, int Duplicated, TimeSpan Wall, int WorkerKills, int Interrupted, int WorkerLost)
    {
        public string Verdict =>
            $"{Wall.TotalSeconds:F1} s from submission to the last result; {Lost} lost, {Duplicated} duplicated; {WorkerKills} worker kill(s); " +
            $"attempts handed out again: {WorkerLost} with their worker lost, {Interrupted} interrupted (offers lost with the coordinator included)";
    }
}
