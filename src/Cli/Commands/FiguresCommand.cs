using System.CommandLine;
using Sweeps.Cli.Commands.Figures;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Reports.Figures;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps figures SWEEP [--out DIR]</c>: a sweep's figures as PNG and SVG.</summary>
public static class FiguresCommand
{
    public static Command Create()
    {
        var sweepId = new Argument<string>("sweep") { Description = "The sweep to draw." };
        var output = new Option<string?>("--out") { Description = "Folder to write into (default: results/figures/<sweep>)." };
        var store = OrchestrationOptions.Store();
        var command = new Command("figures", "Draw a sweep's curves, k/blocks lines, seeds, attention maps, position correlations and pka kernels (PNG and SVG).")
            { sweepId, output, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(sweepId)!;
            await using var sweepStore = OrchestrationOptions.OpenExisting(parse.GetValue(store)!);
            var models = new ModelFigures(sweepStore);
            var figures = await new SweepFigures(sweepStore, models).BuildAsync(id, cancellationToken);
            if (figures is null)
            {
                Console.Error.WriteLine($"no sweep '{id}'");
                return ExitCodes.NotFound;
            }
            var directory = parse.GetValue(output) ?? Path.Combine("results", "figures", SweepFigures.FileName(id));
            FigureFiles.Write(figures, directory);
            Console.WriteLine($"wrote {figures.Count} figure(s) as PNG and SVG to {directory}");
            if (models.MissingWeights.Count > 0)
                Console.WriteLine($"{models.MissingWeights.Count} finished job(s) have no kept weights, so nothing is drawn from them " +
                                  "(attention, correlation, kernels): add 'keep: [weights]' to the sweep before its jobs train (docs/figures.md)");
            return 0;
        });
        return command;
    }
}
