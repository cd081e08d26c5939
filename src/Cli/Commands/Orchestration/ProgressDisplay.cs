using Spectre.Console;
using Sweeps.Cli.Terminal;
using Sweeps.Coordinator;
using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>Live progress of one sweep: a Spectre table at a terminal, one plain line every few seconds
/// when output is redirected. Counts come from the store, current epochs from the live board.</summary>
public static class ProgressDisplay
{
    public static async Task FollowAsync(SweepCoordinator coordinator, string sweepId, bool plain, Task finished)
    {
        var started = DateTimeOffset.UtcNow;
        if (plain)
        {
            while (await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(5))) != finished)
                Console.WriteLine(await LineAsync(coordinator, sweepId, started));
            return;
        }
        await AnsiConsole.Live(new Markup("starting…")).StartAsync(async live =>
        {
            do
            {
                live.UpdateTarget(await TableAsync(coordinator, sweepId, started));
            } while (await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMilliseconds(500))) != finished);
            live.UpdateTarget(await TableAsync(coordinator, sweepId, started));
        });
    }

    private static async Task<string> LineAsync(SweepCoordinator coordinator, string sweepId, DateTimeOffset started)
    {
        var s = await Snapshot.TakeAsync(coordinator, sweepId, started);
        var epochs = coordinator.Board.Running.OrderBy(j => j.StartedAt)
            .Select(j => j.Progress is { } p ? $"{j.JobId[..8]} epoch {p.Epoch}/{p.TotalEpochs}" : $"{j.JobId[..8]} starting");
        return $"{DateTime.Now:HH:mm:ss} done {s.Done}/{s.Total} running {s.Running} queued {s.Queued} failed {s.Failed} dead {s.Dead} left {s.Left}"
            + (s.Running > 0 ? $" [{string.Join(", ", epochs)}]" : "");
    }

    private static async Task<Table> TableAsync(SweepCoordinator coordinator, string sweepId, DateTimeOffset started)
    {
        var s = await Snapshot.TakeAsync(coordinator, sweepId, started);
        var table = new Table().Title($"[bold]{Markup.Escape(sweepId)}[/]  done {s.Done}/{s.Total} · running {s.Running} · queued {s.Queued} · failed {s.Failed} · dead {s.Dead} · left {s.Left}")
            .AddColumns("job", "worker", "epoch", "valid NDCG@10");
        foreach (var job in coordinator.Board.Running.OrderBy(j => j.StartedAt).Take(12))
            table.AddRow(job.JobId[..12], Markup.Escape(job.WorkerId),
                job.Progress is { } p ? $"{p.Epoch}/{p.TotalEpochs}" : "starting",
                job.Progress?.ValidNdcg10 is { } ndcg ? ndcg.ToString("F4") : "");
        return table;
    }

    private sealed record Snapshot(int Total, int Done, int Running, int Queued, int Failed, int Dead, string Left)
    {
        public static async Task<Snapshot> TakeAsync(SweepCoordinator coordinator, string sweepId, DateTimeOffset started)
        {
            var sweep = await coordinator.Store.GetSweepAsync(sweepId);
            int Count(JobState state) => sweep?.Count(state) ?? 0;
            var total = sweep?.Total ?? 0;
            var settled = Count(JobState.Succeeded) + Count(JobState.DeadLettered) + Count(JobState.Cancelled);
            var finishedHere = coordinator.Board.FinishedSinceStart;
            var elapsed = DateTimeOffset.UtcNow - started;
            var left = finishedHere == 0 ? "?" : RemainingTime.Format(TimeSpan.FromSeconds(elapsed.TotalSeconds / finishedHere * (total - settled)));
            return new Snapshot(total, Count(JobState.Succeeded), Count(JobState.Running), Count(JobState.Queued),
                Count(JobState.Failed), Count(JobState.DeadLettered), left);
        }
    }
}
