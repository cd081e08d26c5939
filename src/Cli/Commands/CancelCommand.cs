using System.CommandLine;
using Sweeps.Cli.Commands.Cluster;
using Sweeps.Cli.Commands.Inspection;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Store.Ownership;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps cancel SWEEP</c>: marks the sweep cancelled in the store and cancels its
/// unfinished jobs, except those another active sweep still needs. The process running the store (a
/// `run` or `serve`) sees the change within a second and stops those jobs; finished results stay.
/// With --coordinator the cluster's coordinator does it through its HTTP API.</summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var sweepId = new Argument<string>("sweep") { Description = "The sweep's name." };
        var sources = new SweepSources();
        var command = new Command("cancel", "Cancel a sweep: stop its queued and running jobs (keeping those other sweeps need).") { sweepId };
        foreach (var option in sources.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var storePath = parse.GetValue(sources.Store)!;
            var coordinator = parse.GetValue(sources.Coordinator);
            var id = parse.GetValue(sweepId)!;
            SweepCancellation? done;
            if (coordinator is not null)
            {
                await using var api = new ApiSweepSource(coordinator, ClusterCliOptions.Token(parse.GetValue(sources.TokenFile)));
                done = await api.CancelAsync(id, cancellationToken);
            }
            else
            {
                if (!File.Exists(storePath)) throw new StoreException($"no store at {storePath}: pass --store");
                await using var sweepStore = SweepStore.Open(storePath);
                done = await sweepStore.CancelSweepAsync(id, cancellationToken);
            }
            if (done is null)
            {
                Console.Error.WriteLine($"sweeps cancel: no sweep '{id}' in {coordinator ?? storePath}; `sweeps status` lists them");
                return ExitCodes.NotFound;
            }
            Console.WriteLine($"sweep '{id}' cancelled: {done.Cancelled.Count} unfinished job(s) cancelled; finished results are kept");
            if (done.Stopped.Count > 0)
            {
                var owner = coordinator is not null ? "the coordinator"
                    : StoreLock.IsHeld(storePath) ? StoreLock.ReadOwner(storePath)?.ToString() ?? "the process running the store" : null;
                Console.WriteLine(owner is null
                    ? $"{done.Stopped.Count} of them were marked queued or running, but no process runs this store now"
                    : $"{done.Stopped.Count} of them were queued or running: {owner} stops them within a few seconds");
            }
            foreach (var kept in done.Kept)
                Console.WriteLine($"kept {StatusCommand.Short(kept.JobId)}: also in active sweep(s) {string.Join(", ", kept.NeededBy)}");
            Console.WriteLine($"submitting the sweep again resumes it (its cancelled jobs go back to pending)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
