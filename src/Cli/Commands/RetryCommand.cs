using System.CommandLine;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Store.Ownership;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps retry SWEEP [--failed] [--dead-lettered]</c>: puts those jobs back to pending
/// with a fresh attempt count (both kinds when neither flag is given), for after their cause is fixed.
/// A job whose checkpoint turns out unreadable restarts from scratch, and its attempt says so.</summary>
public static class RetryCommand
{
    public static Command Create()
    {
        var sweepId = new Argument<string>("sweep") { Description = "The sweep's name." };
        var store = OrchestrationOptions.Store();
        var failed = new Option<bool>("--failed") { Description = "Retry failed jobs (waiting for a retry or about to be dead-lettered)." };
        var deadLettered = new Option<bool>("--dead-lettered") { Description = "Retry dead-lettered jobs." };
        var command = new Command("retry", "Give a sweep's failed and dead-lettered jobs fresh attempts.") { sweepId, store, failed, deadLettered };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var storePath = parse.GetValue(store)!;
            var id = parse.GetValue(sweepId)!;
            var both = !parse.GetValue(failed) && !parse.GetValue(deadLettered);
            if (!File.Exists(storePath)) throw new StoreException($"no store at {storePath}: pass --store");
            await using var sweepStore = SweepStore.Open(storePath);
            if (await sweepStore.RetryJobsAsync(id, both || parse.GetValue(failed), both || parse.GetValue(deadLettered), cancellationToken) is not { } reset)
            {
                Console.Error.WriteLine($"sweeps retry: no sweep '{id}' in {storePath}; `sweeps status` lists them");
                return ExitCodes.NotFound;
            }
            if (reset.Count == 0)
            {
                Console.WriteLine($"sweep '{id}' has no {(both ? "failed or dead-lettered" : parse.GetValue(failed) ? "failed" : "dead-lettered")} jobs");
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{reset.Count} job(s) of sweep '{id}' back to pending with fresh attempts: {string.Join(" ", reset.Take(10).Select(StatusCommand.Short))}{(reset.Count > 10 ? " …" : "")}");
            Console.WriteLine(StoreLock.IsHeld(storePath)
                ? $"{StoreLock.ReadOwner(storePath)?.ToString() ?? "the process running the store"} picks them up within a second"
                : "no process runs this store now: `sweeps run FILE` (or `sweeps serve`) on it trains them");
            return ExitCodes.Ok;
        });
        return command;
    }
}
