using System.CommandLine;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Exchange;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps import FILE</c>: restores a sweep written by <c>sweeps export --format jsonl</c> into a
/// store (created if absent). Results the store already has are kept; the others are restored, so a
/// following <c>sweeps run</c> of the same sweep file trains only what nobody has finished.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSON Lines file from `sweeps export`." };
        var store = OrchestrationOptions.Store();
        var command = new Command("import", "Restore a sweep and its results from a `sweeps export` JSON Lines file.") { file, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            SweepDump dump;
            try
            {
                using var reader = new StreamReader(path);
                dump = JsonlExchange.Read(reader, Path.GetFileName(path));
            }
            catch (Exception e) when (e is ExchangeFormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e is ExchangeFormatException ? e.Message : $"{path}: cannot read ({e.GetType().Name})");
                return ExitCodes.BadInput;
            }
            await using var sweepStore = SweepStore.Open(parse.GetValue(store)!);
            var outcome = await sweepStore.ImportAsync(dump, cancellationToken);
            Console.WriteLine($"sweep '{outcome.SweepId}' {(outcome.SweepCreated ? "created" : "already in the store, jobs linked")}: "
                + $"{outcome.Jobs} jobs, {outcome.JobsAdded} new, {outcome.ResultsRestored} results restored, {outcome.ResultsKept} already there");
            return 0;
        });
        return command;
    }
}
