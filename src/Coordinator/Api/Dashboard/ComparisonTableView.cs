using System.Globalization;
using Sweeps.Coordinator.Aggregation;

namespace Sweeps.Coordinator.Api.Dashboard;

/// <summary>The dashboard's results table for a sweep none of the report's tables fits (a single
/// model): per dataset and model the config chosen on validation, its test medians over seeds and n;
/// within each dataset the best value of a metric is bold and the second underlined.</summary>
public static class ComparisonTableView
{
    private static readonly (string Metric, string Header)[] Metrics = [("hr@10", "HR@10"), ("ndcg@10", "NDCG@10")];

    public static TableView From(SweepReport report)
    {
        var rows = new List<TableRow>();
        foreach (var dataset in report.Selections.GroupBy(s => s.Dataset, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var selections = dataset.OrderBy(s => s.Model, StringComparer.Ordinal).ToList();
            var ranks = Metrics.Select(m => Ranks(selections.Select(s => s.Chosen?.TestOf(m.Metric)?.Median))).ToList();
            for (var i = 0; i < selections.Count; i++)
            {
                var chosen = selections[i].Chosen;
                rows.Add(new TableRow([
                    new(dataset.Key), new(selections[i].Model),
                    .. Metrics.Select((m, k) => Cell(chosen?.TestOf(m.Metric)?.Median, ranks[k][i])),
                    new((chosen?.TestOf("ndcg@10")?.N ?? 0).ToString(CultureInfo.InvariantCulture)),
                    new(chosen is null ? "no complete config" : selections[i].Provisional ? "provisional" : ""),
                ]));
            }
        }
        return new TableView("Test metrics (median over seeds, config chosen on validation)",
            ["dataset", "model", .. Metrics.Select(m => m.Header), "n", "note"], rows);
    }

    private static TableCell Cell(double? value, int rank) =>
        value is null ? new TableCell("–") : new TableCell(value.Value.ToString("F4", CultureInfo.InvariantCulture), rank == 1, rank == 2);

    /// <summary>1 for the highest value, 2 for the next distinct one, 0 otherwise; ties share a rank.</summary>
    private static int[] Ranks(IEnumerable<double?> values)
    {
        var list = values.ToList();
        var distinct = list.OfType<double>().Distinct().OrderDescending().ToList();
        return [.. list.Select(v => v is double x && distinct.IndexOf(x) is var i and < 2 ? i + 1 : 0)];
    }
}
