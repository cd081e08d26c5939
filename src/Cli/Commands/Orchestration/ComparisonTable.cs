using System.Globalization;
using Spectre.Console;
using Sweeps.Coordinator.Aggregation;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>The end-of-run table: per dataset × model (and any untuned dimension that varies), the
/// config chosen by validation and its test medians over seeds.</summary>
public static class ComparisonTable
{
    public static Table Render(SweepReport report)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(report.SweepId)}[/]: test medians over seeds"
                                      + (report.Tuned.IsEmpty ? "" : $", {string.Join(", ", report.Tuned)} chosen by validation {report.SelectionMetric}"));
        table.AddColumns(["dataset", "model", .. report.VaryingKeys, .. report.Tuned, "HR@10", "NDCG@10", "n", "note"]);
        foreach (var selection in report.Selections.OrderBy(s => s.Dataset, StringComparer.Ordinal).ThenBy(s => s.Model, StringComparer.Ordinal))
        {
            var shown = selection.Chosen ?? selection.Candidates[0];
            var note = selection.Chosen is null ? "no complete config" : selection.Provisional ? "provisional: configs incomplete" : "";
            table.AddRow([
                Markup.Escape(selection.Dataset), Markup.Escape(selection.Model),
                .. report.VaryingKeys.Select(k => Value(shown, k)),
                .. report.Tuned.Select(k => selection.Chosen is null ? "" : Value(shown, k)),
                Median(selection.Chosen?.TestOf("hr@10")), Median(selection.Chosen?.TestOf("ndcg@10")),
                (selection.Chosen?.TestOf("ndcg@10")?.N ?? 0).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(note)]);
        }
        return table;
    }

    private static string Value(ConfigAggregate config, string key) =>
        config.Parameters.TryGetValue(key, out var v) ? Markup.Escape(v.ToString()) : "";

    private static string Median(MetricSummary? summary) =>
        summary is null ? "–" : summary.Median.ToString("F4", CultureInfo.InvariantCulture);
}
