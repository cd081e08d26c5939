using System.Diagnostics;

namespace Sweeps.Cli.Commands.Bench;

/// <summary>The faults of one chaos run, drawn from a seeded random source so a run can be repeated:
/// every few seconds a random worker is killed (SIGKILL) and started again a moment later; once a
/// quarter of the jobs succeeded the coordinator is killed and started again on the same store; once
/// half did, Redis is killed and started again empty (no persistence).</summary>
public sealed class ChaosSchedule(Random random, int jobs, Stopwatch clock)
{
    private readonly List<(string Worker, TimeSpan At)> _restarts = [];
    private TimeSpan _nextWorkerKill = Between(random, 2, 5);
    private bool _coordinatorRestarted;
    private bool _redisRestarted;

    public int WorkerKills { get; private set; }

    /// <summary>Does whatever is due now, given how many jobs succeeded so far.</summary>
    public async Task StepAsync(LocalCluster cluster, int succeeded, CancellationToken cancellationToken)
    {
        foreach (var due in _restarts.Where(r => r.At <= clock.Elapsed).ToList())
        {
            _restarts.Remove(due);
            await cluster.StartWorkerAsync(due.Worker, slots: 1, joined: false, cancellationToken).ConfigureAwait(false);
            Log($"{due.Worker} started again");
        }
        if (!_coordinatorRestarted && succeeded >= jobs / 4)
        {
            _coordinatorRestarted = true;
            await cluster.KillAsync("coordinator").ConfigureAwait(false);
            Log($"coordinator killed (SIGKILL) at {succeeded} jobs done; starting it again on the same store");
            await cluster.StartCoordinatorAsync(cancellationToken).ConfigureAwait(false);
            Log("coordinator answering again");
        }
        else if (!_redisRestarted && succeeded >= jobs / 2)
        {
            _redisRestarted = true;
            await cluster.KillAsync("redis").ConfigureAwait(false);
            var away = Between(random, 1, 3);
            Log($"redis killed (SIGKILL) at {succeeded} jobs done; back, empty, in {away.TotalSeconds:F1} s");
            await Task.Delay(away, cancellationToken).ConfigureAwait(false);
            await cluster.StartRedisAsync(cancellationToken).ConfigureAwait(false);
        }
        if (clock.Elapsed >= _nextWorkerKill && cluster.Workers.Count > 0)
        {
            var victim = cluster.Workers[random.Next(cluster.Workers.Count)];
            await cluster.KillAsync(victim).ConfigureAwait(false);
            WorkerKills++;
            var back = Between(random, 1, 3);
            _restarts.Add((victim, clock.Elapsed + back));
            _nextWorkerKill = clock.Elapsed + Between(random, 3, 8);
            Log($"{victim} killed (SIGKILL); back in {back.TotalSeconds:F1} s");
        }
    }

    private void Log(string what) => Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    private static TimeSpan Between(Random random, double low, double high) => TimeSpan.FromSeconds(low + random.NextDouble() * (high - low));
}
