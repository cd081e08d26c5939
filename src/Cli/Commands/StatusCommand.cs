using System.CommandLine;
using Spectre.Console;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps status [SWEEP]</c>: job states per sweep; for one sweep, also the holes —
/// configs still missing seeds, and which.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var sweepId = new Argument<string?>("sweep") { Description = "Show one sweep in detail.", Arity = ArgumentArity.ZeroOrOne };
        var store = OrchestrationOptions.Store();
        var command = new Command("status", "Job states of sweeps, and the configs still missing seeds.") { sweepId, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var sweepStore = OrchestrationOptions.OpenExisting(parse.GetValue(store)!);
            var sweeps = await sweepStore.ListSweepsAsync(cancellationToken);
            var wanted = parse.GetValue(sweepId);
            var table = new Table().AddColumns(["sweep", "total", .. Enum.GetNames<JobState>()]);
            foreach (var sweep in sweeps.Where(s => wanted is null || s.Id == wanted))
                table.AddRow([Markup.Escape(sweep.Id + (sweep.Cancelled ? " (cancelled)" : "")), sweep.Total.ToString(),
                    .. Enum.GetValues<JobState>().Select(s => sweep.Count(s).ToString())]);
            AnsiConsole.Write(table);
            if (wanted is null) return 0;
            var report = await new SweepReports(sweepStore).BuildAsync(wanted, cancellationToken: cancellationToken);
            if (report is null)
            {
                Console.Error.WriteLine($"no sweep '{wanted}'");
                return 2;
            }
            var holes = new Table().Title("incomplete configs").AddColumns("config", "dataset", "model", "parameters", "missing seeds");
            foreach (var config in report.Incomplete)
                holes.AddRow(config.ConfigId[..12], Markup.Escape(config.Dataset), Markup.Escape(config.Model),
                    Markup.Escape(string.Join(" ", report.VaryingKeys.Concat(report.Tuned).Where(config.Parameters.ContainsKey).Select(k => $"{k}={config.Parameters[k]}"))),
                    string.Join(", ", config.MissingSeeds));
            if (holes.Rows.Count > 0) AnsiConsole.Write(holes);
            else Console.WriteLine("every config has all its seeds");
            return 0;
        });
        return command;
    }
}
