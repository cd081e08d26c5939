using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Reports;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>The end-of-run table: per dataset × model (and any untuned dimension that varies), the
/// config chosen by validation and its test medians over seeds. Fits 80 columns: only the columns whose
/// values differ between rows, short headers, long names cut; <c>--wide</c> shows everything in full.
/// Rows in the paper's model order, numbers by value.</summary>
public static class ComparisonTable
{
    private static readonly Dictionary<string, string> ShortHeaders = new(StringComparer.Ordinal)
    {
        ["dataset"] = "data", ["ce_include_pad"] = "ce_pad", ["ffn_placement"] = "ffn", ["block_style"] = "style",
        ["dropout"] = "drop", ["hidden"] = "d", ["padding"] = "pad", ["eval_every"] = "eval",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new HyperValueJsonConverter() },
    };

    public static string Render(SweepReport report, bool wide)
    {
        var selections = report.Selections
            .OrderBy(s => s.Dataset, StringComparer.Ordinal)
            .ThenBy(s => PaperModels.ComparisonRank(s.Model))
            .ThenBy(s => Shown(s).Parameters.Where(p => report.VaryingKeys.Contains(p.Key)).ToImmutableSortedDictionary(StringComparer.Ordinal), ValueOrder.Instance)
            .ToList();
        var keys = report.VaryingKeys.Concat(report.Tuned)
            .Where(k => wide || selections.Select(s => Value(s, k, report)).Distinct().Count() > 1 || report.Tuned.Contains(k))
            .ToList();
        var showDataset = wide || selections.Select(s => s.Dataset).Distinct().Count() > 1;
        var showNote = wide || selections.Any(s => Note(s).Length > 0);
        List<string> headers = [.. showDataset ? ["dataset"] : Array.Empty<string>(), "model", .. keys, "HR@10", "NDCG@10", "n",
            .. showNote ? ["note"] : Array.Empty<string>()];
        var numeric = new HashSet<int>(Enumerable.Range(headers.Count - (showNote ? 4 : 3), 3));
        var table = new FittedTable([.. headers.Select(h => wide ? h : ShortHeaders.GetValueOrDefault(h, h))], numeric);
        foreach (var s in selections)
        {
            table.Add([.. showDataset ? [s.Dataset] : Array.Empty<string>(), s.Model, .. keys.Select(k => Value(s, k, report)),
                Median(s.Chosen?.TestOf("hr@10")), Median(s.Chosen?.TestOf("ndcg@10")),
                (s.Chosen?.TestOf("ndcg@10")?.N ?? 0).ToString(CultureInfo.InvariantCulture), .. showNote ? [Note(s)] : Array.Empty<string>()]);
        }
        var title = $"{report.SweepId}: test medians over seeds"
                    + (report.Tuned.IsEmpty ? "" : $"; {string.Join(", ", report.Tuned)} chosen by validation {report.SelectionMetric}");
        var constant = report.VaryingKeys.Where(k => !keys.Contains(k)).ToList();
        var footer = constant.Count == 0 ? "" : $"same in every row: {string.Join(", ", constant.Select(k => $"{k}={Value(selections[0], k, report)}"))}";
        var width = wide ? int.MaxValue : FittedTable.TerminalWidth;
        return Wrap(title, width) + table.Render(wide ? null : FittedTable.TerminalWidth) + Wrap(footer, width);
    }

    /// <summary>Words onto lines of at most <paramref name="width"/> characters.</summary>
    private static string Wrap(string text, int width)
    {
        if (text.Length == 0) return "";
        var lines = new List<string> { "" };
        foreach (var word in text.Split(' '))
            if (lines[^1].Length == 0) lines[^1] = word;
            else if (lines[^1].Length + 1 + word.Length <= width) lines[^1] += " " + word;
            else lines.Add(word);
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The report as JSON for scripts, hyperparameters as plain values.</summary>
    public static string RenderJson(SweepReport report) => JsonSerializer.Serialize(report, Json);

    private static ConfigAggregate Shown(Selection s) => s.Chosen ?? s.Candidates[0];

    private static string Value(Selection s, string key, SweepReport report) =>
        report.Tuned.Contains(key) && s.Chosen is null ? ""
        : Shown(s).Parameters.TryGetValue(key, out var v) ? v.ToString() : "";

    private static string Note(Selection s) =>
        s.Chosen is null ? "no complete config" : s.Provisional ? "provisional" : "";

    private static string Median(MetricSummary? summary) =>
        summary is null ? "–" : summary.Median.ToString("F4", CultureInfo.InvariantCulture);
}
