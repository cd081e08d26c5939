using System.CommandLine;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cli.Commands.Reporting;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Reports;
using Sweeps.Coordinator.Reports.Rendering;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps report SWEEP</c>: the paper's Tables 2–6 and the configs table from what the store
/// holds, without running anything. Markdown on the terminal, or one file per table and format under
/// <c>--out</c>.</summary>
public static class ReportCommand
{
    private static readonly Dictionary<string, TableKind?> Tables = new(StringComparer.Ordinal)
    {
        ["all"] = null,
        ["summary"] = null,
        ["datasets"] = TableKind.Datasets,
        ["comparison"] = TableKind.Comparison,
        ["ablation"] = TableKind.Ablation,
        ["k"] = TableKind.K,
        ["blocks"] = TableKind.Blocks,
        ["configs"] = TableKind.Configs,
    };

    private static readonly Dictionary<string, ReportFormat> Formats = new(StringComparer.Ordinal)
    {
        ["md"] = ReportFormat.Md, ["latex"] = ReportFormat.Latex, ["csv"] = ReportFormat.Csv, ["html"] = ReportFormat.Html,
    };

    public static Command Create()
    {
        var sweepId = new Argument<string>("sweep") { Description = "The sweep to report." };
        var table = new Option<string>("--table") { Description = "Which table: datasets (2), comparison (3), ablation (4), k (5), blocks (6), configs (a row per config), all, or summary (the table `sweeps run` ends with).", DefaultValueFactory = _ => "all" };
        table.AcceptOnlyFromAmong([.. Tables.Keys]);
        var format = new Option<string[]>("--format") { Description = "md, latex, csv or html; repeat for several (with --out).", DefaultValueFactory = _ => ["md"], AllowMultipleArgumentsPerToken = true };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var output = new Option<string?>("--out") { Description = "Directory to write table<N>.<ext> (and configs.<ext>) files into; the terminal when absent." };
        var withPaper = new Option<bool>("--with-paper") { Description = "Show the paper's value and our difference in % beside each cell." };
        var std = new Option<bool>("--std") { Description = "Show the standard deviation over seeds." };
        var wide = new Option<bool>("--wide") { Description = "With --table summary: every column, nothing cut to 80 columns." };
        var json = new Option<bool>("--json") { Description = "With --table summary: the aggregated report as JSON." };
        var store = OrchestrationOptions.Store();
        var data = OrchestrationOptions.Data();
        var command = new Command("report", "The paper's tables (2–6) of a sweep, from the store: Markdown, LaTeX, CSV or HTML.")
        {
            sweepId, table, format, output, withPaper, std, wide, json, store, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var sweepStore = OrchestrationOptions.OpenExisting(parse.GetValue(store)!);
            var id = parse.GetValue(sweepId)!;
            var report = await new SweepReports(sweepStore).BuildAsync(id, cancellationToken: cancellationToken);
            if (report is null)
            {
                Console.Error.WriteLine($"no sweep '{id}' in {sweepStore.Path}");
                return ExitCodes.NotFound;
            }
            if (parse.GetValue(table) == "summary")
            {
                Console.Write(parse.GetValue(json) ? ComparisonTable.RenderJson(report) + "\n" : ComparisonTable.Render(report, parse.GetValue(wide)));
                return 0;
            }
            var kinds = Tables[parse.GetValue(table)!] is { } one ? [one] : ReportBuilder.Applicable(report);
            var figures = kinds.Contains(TableKind.Datasets)
                ? DatasetFiguresReader.Read(report, parse.GetValue(data)!)
                : new Dictionary<string, DatasetFigures>();
            var tables = (await new SweepTables(sweepStore).BuildAsync(id, kinds, parse.GetValue(withPaper), figures, cancellationToken))!;
            var formats = parse.GetValue(format)!.Select(f => Formats[f]).Distinct().ToList();
            var withStd = parse.GetValue(std);
            if (parse.GetValue(output) is not { } directory)
            {
                foreach (var rendered in tables.SelectMany(t => formats.Select(f => ReportRenderer.Render(t, f, withStd))))
                    Console.WriteLine(rendered);
                return 0;
            }
            Directory.CreateDirectory(directory);
            foreach (var t in tables)
                foreach (var f in formats)
                {
                    var path = Path.Combine(directory, $"{t.Name}.{ReportRenderer.Extension(f)}");
                    await File.WriteAllTextAsync(path, ReportRenderer.Render(t, f, withStd), cancellationToken);
                    Console.WriteLine(path);
                }
            return 0;
        });
        return command;
    }
}
