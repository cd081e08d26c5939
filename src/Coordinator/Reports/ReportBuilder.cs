using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Reports.Significance;

namespace Sweeps.Coordinator.Reports;

/// <summary>Lays a sweep's report out as the paper's Tables 2–6, and every config of a sweep that runs
/// one model in several (the configs table). Every table is defined here once; the renderers only
/// draw what this returns.</summary>
/// <param name="paper">The paper's numbers to show beside ours, or null.</param>
public sealed class ReportBuilder(SweepReport report, RankLookup ranks, IReadOnlyDictionary<string, DatasetFigures> datasets,
    PaperReference? paper)
{
    public const double Alpha = 0.05;

    /// <summary>Table 3 tests every model of a row against the row's best baseline, as the paper marks its proposals.</summary>
    private static readonly SignificanceTest AgainstBestBaseline = new(c => !PaperModels.IsProposal(c.Model), _ => true, "the row's best baseline");

    /// <summary>Table 4 asks whether learning the positional attention beats fixing it: each fixed pattern
    /// against the column's best learned positional attention.</summary>
    private static readonly SignificanceTest FixedAgainstLearned = new(c => PaperModels.IsProposal(c.Model), c => PaperModels.IsFixedPattern(c.Model),
        "the column's best learned positional attention (PARec or FPARec)");

    /// <summary>The configs table asks which configs are told apart from the best at all: each config
    /// against the column's best.</summary>
    private static readonly SignificanceTest AgainstBestConfig = new(_ => true, _ => true, "the column's best config");

    public static readonly string[] Metrics = ["hr@10", "ndcg@10"];

    /// <summary>Settings with a table (5 and 6) and a figure of their own, so varying them alone does
    /// not call for the configs table.</summary>
    public static readonly string[] AxisKeys = ["k", "blocks"];

    /// <summary>The paper's dataset order (Table 2); others follow by name.</summary>
    private static readonly string[] DatasetOrder = ["ml-1m", "Beauty", "Sports_and_Outdoors", "Toys_and_Games", "Yelp"];

    /// <summary>The tables this sweep has data for, in the paper's order.</summary>
    public static IReadOnlyList<TableKind> Applicable(SweepReport report)
    {
        var models = report.Selections.Select(s => s.Model).Distinct().ToList();
        var kinds = new List<TableKind> { TableKind.Datasets };
        if (models.Count > 1) kinds.Add(TableKind.Comparison);
        if (models.Any(PaperModels.IsFixedPattern)) kinds.Add(TableKind.Ablation);
        if (report.VaryingKeys.Contains("k")) kinds.Add(TableKind.K);
        if (report.VaryingKeys.Contains("blocks")) kinds.Add(TableKind.Blocks);
        if (RunsConfigsOfOneModel(report)) kinds.Add(TableKind.Configs);
        return kinds;
    }

    /// <summary>A model runs in several configs on one dataset beyond the k and blocks axes (encodings,
    /// kernel variants, an option on and off): Table 3 would give each a column of its own.</summary>
    private static bool RunsConfigsOfOneModel(SweepReport report)
    {
        var keys = report.VaryingKeys.Except(AxisKeys).ToList();
        return keys.Count > 0 && report.Selections.GroupBy(s => (s.Dataset, s.Model)).Any(model => model
            .Select(s => string.Join("\u0000", keys.Select(k => CellSource.Reported(s, report.SelectionMetric).Parameters.GetValueOrDefault(k).ToString())))
            .Distinct(StringComparer.Ordinal).Skip(1).Any());
    }

    public ReportTable Build(TableKind kind) => kind switch
    {
        TableKind.Datasets => DatasetTable(),
        TableKind.Comparison => ComparisonTable(),
        TableKind.Ablation => AblationTable(),
        TableKind.K => AxisTable(TableKind.K, 5, "k", "Impact of the factorising dimension k"),
        TableKind.Blocks => AxisTable(TableKind.Blocks, 6, "blocks", "Impact of the number of blocks"),
        TableKind.Configs => ConfigsTable(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private IEnumerable<string> Datasets => report.Selections.Select(s => s.Dataset).Distinct()
        .OrderBy(d => Array.IndexOf(DatasetOrder, d) is var i && i >= 0 ? i : DatasetOrder.Length)
        .ThenBy(d => d, StringComparer.Ordinal);

    private ReportTable DatasetTable()
    {
        (string Header, string Statistic, CellKind Kind, Func<DatasetFigures, double> Of)[] columns =
        [
            ("# Users", "users", CellKind.Count, f => f.Users),
            ("# Items", "items", CellKind.Count, f => f.Items),
            ("# Interactions", "interactions", CellKind.Count, f => f.Interactions),
            ("Avg. length", "avg_length", CellKind.Average, f => f.AverageLength),
        ];
        var rows = Datasets.Select(d => new ReportRow([d], [.. columns.Select(c =>
        {
            var figures = datasets.GetValueOrDefault(d);
            return new ReportCell(c.Kind, figures is null ? null : c.Of(figures), figures is null ? 0 : 1, null, [], d, c.Statistic, "", "",
                paper?.Find(2, d, c.Statistic, "", ""));
        })])).ToList();
        List<string> notes = ["Statistics of each data file after preprocessing (users and items with at least five interactions)."];
        if (rows.Any(r => r.Cells.Any(c => c.Value is null))) notes.Add("Empty rows: the data file was not found.");
        return new ReportTable(2, TableKind.Datasets, "Statistics of the datasets", ["Dataset"], [.. columns.Select(c => c.Header)], rows,
            [.. notes, .. PaperNote(2, rows)]);
    }

    private ReportTable ComparisonTable()
    {
        var columns = Columns(axis: null).OrderBy(c => PaperModels.ComparisonRank(c.Model)).ThenBy(c => c.Others, ValueOrder.Instance).ToList();
        List<string> headers = [.. columns.Select(c => c.Header)];
        var rows = new List<ReportRow>();
        var tests = new List<string>();
        foreach (var dataset in Datasets)
            foreach (var metric in Metrics)
            {
                var cells = columns.Select(c => Cell(3, dataset, metric, c.Model, c.Others, axis: null)).ToList();
                rows.Add(new ReportRow([dataset, MetricName(metric)], Significance(Emphasise(cells), headers, dataset, metric, AgainstBestBaseline, tests)));
            }
        return new ReportTable(3, TableKind.Comparison, "Performance comparison of the models", ["Dataset", "Metric"],
            headers, rows, [.. SelectionNotes(rows), .. SignificanceNotes(AgainstBestBaseline, tests), .. PaperNote(3, rows)]);
    }

    private ReportTable AblationTable() => ModelRowsTable(4, TableKind.Ablation, "Learned positional attention against fixed attention patterns",
        PaperModels.AblationRank, FixedAgainstLearned);

    private ReportTable ConfigsTable() => ModelRowsTable(null, TableKind.Configs, "Every config of the sweep",
        PaperModels.ComparisonRank, AgainstBestConfig);

    /// <summary>A row per model and config, a column per dataset and metric, each column marked and
    /// tested on its own.</summary>
    private ReportTable ModelRowsTable(int? number, TableKind kind, string title, Func<string, int> rank, SignificanceTest test)
    {
        var columns = Columns(axis: null).OrderBy(c => rank(c.Model)).ThenBy(c => c.Others, ValueOrder.Instance).ToList();
        var keys = Datasets.SelectMany(d => Metrics.Select(m => (Dataset: d, Metric: m))).ToList();
        List<string> headers = [.. columns.Select(c => c.Header)];
        var tests = new List<string>();
        var byColumn = keys.Select(k => Significance(Emphasise(columns.Select(c => Cell(number, k.Dataset, k.Metric, c.Model, c.Others, axis: null)).ToList()),
            headers, k.Dataset, k.Metric, test, tests)).ToList();
        var rows = columns.Select((c, i) => new ReportRow([c.Header], [.. byColumn.Select(cells => cells[i])])).ToList();
        return new ReportTable(number, kind, title, ["Model"], [.. keys.Select(k => $"{k.Dataset} {MetricName(k.Metric)}")], rows,
            [.. SelectionNotes(rows), .. SignificanceNotes(test, tests), .. number is { } n ? PaperNote(n, rows) : []]);
    }

    private ReportTable AxisTable(TableKind kind, int number, string axis, string title)
    {
        var values = report.Selections.Select(s => CellSource.Reported(s, report.SelectionMetric).Parameters.GetValueOrDefault(axis))
            .Where(v => v.Raw is not null).Distinct().Order(ValueOrder.Values).ToList();
        var lines = Columns(axis).OrderBy(c => PaperModels.ComparisonRank(c.Model)).ThenBy(c => c.Others, ValueOrder.Instance).ToList();
        var rows = new List<ReportRow>();
        foreach (var dataset in Datasets)
            foreach (var line in lines)
                foreach (var metric in Metrics)
                {
                    var cells = values.Select(v => Cell(number, dataset, metric, line.Model, line.Others.Add(axis, v), axis)).ToList();
                    if (cells.All(c => c.Absent)) continue;
                    rows.Add(new ReportRow([dataset, line.Header, MetricName(metric)], Emphasise(cells)));
                }
        if (paper is not null) rows.AddRange(PaperOnlyRows(number, axis, values, rows));
        return new ReportTable(number, kind, title, ["Dataset", "Model", "Metric"], [.. values.Select(v => $"{axis}={v}")], rows,
            [.. SelectionNotes(rows), .. PaperNote(number, rows)]);
    }

    /// <summary>The paper ran Tables 5 and 6 on a dataset this sweep may not have: its rows are shown
    /// beside ours for reference rather than compared cell by cell.</summary>
    private IEnumerable<ReportRow> PaperOnlyRows(int number, string axis, List<HyperValue> values, List<ReportRow> ours)
    {
        var theirs = paper!.Values.Where(v => v.Table == number).ToList();
        foreach (var dataset in theirs.Select(v => v.Dataset).Distinct().Where(d => ours.All(r => r.Labels[0] != d)))
            foreach (var metric in Metrics)
                yield return new ReportRow([dataset + " (paper)", PaperModels.Name("fparec"), MetricName(metric)], [.. values.Select(v =>
                    new ReportCell(CellKind.Metric, null, 0, null, [], dataset, metric, "fparec", $"{axis}={v}",
                        paper.Find(number, dataset, metric, "fparec", $"{axis}={v}")))]);
    }

    /// <summary>The table's columns (or lines): a model with the untuned hyperparameters that vary, less the table's axis.
    /// A header names only what varies among the same model's columns: options that differ between
    /// models (a preset's loss or padding) are told apart by the model's name already.</summary>
    private IEnumerable<(string Model, ImmutableSortedDictionary<string, HyperValue> Others, string Header)> Columns(string? axis)
    {
        var keys = report.VaryingKeys.Where(k => k != axis).ToList();
        var columns = report.Selections
            .Select(s => (s.Model, Others: CellSource.Reported(s, report.SelectionMetric).Parameters.Where(p => keys.Contains(p.Key))
                .ToImmutableSortedDictionary(StringComparer.Ordinal)))
            .DistinctBy(c => c.Model + "\u0000" + string.Join(",", c.Others.Select(p => $"{p.Key}={p.Value}")))
            .ToList();
        return columns.Select(c =>
        {
            var siblings = columns.Where(o => o.Model == c.Model).ToList();
            var named = c.Others.Where(p => siblings.Any(o => o.Others.GetValueOrDefault(p.Key) != p.Value));
            return (c.Model, c.Others, Header: string.Join(" ", [PaperModels.Name(c.Model), .. named.Select(p => $"{p.Key}={p.Value}")]));
        });
    }

    /// <param name="table">The paper's table whose value goes beside the cell, if any.</param>
    private ReportCell Cell(int? table, string dataset, string metric, string model,
        ImmutableSortedDictionary<string, HyperValue> varying, string? axis)
    {
        var selection = report.Selections.FirstOrDefault(s => s.Dataset == dataset && s.Model == model
            && varying.All(p => CellSource.Reported(s, report.SelectionMetric).Parameters.GetValueOrDefault(p.Key) == p.Value)
            && CellSource.Reported(s, report.SelectionMetric).Parameters.Keys.Where(report.VaryingKeys.Contains).All(varying.ContainsKey));
        var reference = axis is null ? "" : $"{axis}={varying[axis]}";
        var paperValue = table is { } number ? paper?.Find(number, dataset, metric, model, reference) : null;
        if (selection is null) return new ReportCell(CellKind.Metric, null, 0, null, [], dataset, metric, model, reference, paperValue);
        var config = CellSource.Reported(selection, report.SelectionMetric);
        var summary = config.TestOf(metric);
        return new ReportCell(CellKind.Metric, summary?.Median, summary?.N ?? 0, summary?.Std, config.MissingSeeds, dataset, metric, model,
            CellSource.Describe(config, report.VaryingKeys.Concat(report.Tuned)), paperValue);
    }

    /// <summary>Bold for the best, underline for the second, among complete cells as printed (four
    /// decimals), so two cells that read the same get the same mark.</summary>
    private static List<ReportCell> Emphasise(List<ReportCell> cells)
    {
        var shown = cells.Where(c => c.Value is not null && !c.Incomplete).Select(c => Math.Round(c.Value!.Value, 4)).ToList();
        if (shown.Count < 2) return cells;
        var distinct = shown.Distinct().OrderDescending().ToList();
        return [.. cells.Select(c => c.Value is null || c.Incomplete ? c
            : Math.Round(c.Value.Value, 4) == distinct[0] ? c with { Emphasis = Emphasis.Best }
            : distinct.Count > 1 && Math.Round(c.Value.Value, 4) == distinct[1] ? c with { Emphasis = Emphasis.Second }
            : c)];
    }

    /// <summary>Which cells of a row (or column) a significance test compares: the best cell that
    /// <paramref name="Reference"/> admits (the best complete one, where there is one), against each
    /// other cell that <paramref name="Tested"/> admits.</summary>
    /// <param name="Against">The reference as the table's note names it.</param>
    private sealed record SignificanceTest(Func<ReportCell, bool> Reference, Func<ReportCell, bool> Tested, string Against);

    /// <summary>Each tested cell against the reference by a paired Wilcoxon signed-rank test over users,
    /// pooled over the seeds both have ranks for; Holm-adjusted across the cells. <paramref name="names"/>
    /// are the cells' row or column headers, so the note tells apart two configs of one model.</summary>
    private List<ReportCell> Significance(List<ReportCell> cells, IReadOnlyList<string> names, string dataset, string metric,
        SignificanceTest test, List<string> tests)
    {
        // A complete cell is preferred as the reference, as it is for the bold mark: a config with one
        // seed in would otherwise become everyone's reference on a lucky seed.
        var baselineIndex = Enumerable.Range(0, cells.Count).Where(i => cells[i].Value is not null && test.Reference(cells[i]))
            .OrderBy(i => cells[i].Incomplete).ThenByDescending(i => cells[i].Value).DefaultIfEmpty(-1).First();
        if (baselineIndex < 0) return cells;
        var baseline = cells[baselineIndex];
        var raw = new Dictionary<int, double>();
        for (var i = 0; i < cells.Count; i++)
            if (i != baselineIndex && cells[i].Value is not null && test.Tested(cells[i]) && PairedP(cells[i], baseline, dataset, metric) is { } p)
                raw[i] = p;
        if (raw.Count == 0) return cells;
        var adjusted = HolmCorrection.Adjust([.. raw.Values]);
        var result = cells.ToList();
        var pairs = new List<string>();
        foreach (var (index, p) in raw.Keys.Zip(adjusted))
        {
            result[index] = result[index] with { PValue = p, Significant = p < Alpha };
            pairs.Add($"{names[index]} p = {FormatP(p)}");
        }
        tests.Add($"{dataset} {MetricName(metric)} against {names[baselineIndex]}: {string.Join(", ", pairs)}");
        return result;
    }

    private double? PairedP(ReportCell cell, ReportCell baseline, string dataset, string metric)
    {
        var a = ConfigOf(cell, dataset);
        var b = ConfigOf(baseline, dataset);
        if (a is null || b is null) return null;
        List<double> ours = [], theirs = [];
        foreach (var seed in a.CompletedSeeds.Intersect(b.CompletedSeeds))
        {
            if (ranks.Find(a.ConfigId, seed) is not { } ra || ranks.Find(b.ConfigId, seed) is not { } rb || ra.Length != rb.Length) continue;
            if (PerUserMetric.Of(metric, ra) is not { } ma || PerUserMetric.Of(metric, rb) is not { } mb) return null;
            ours.AddRange(ma);
            theirs.AddRange(mb);
        }
        return ours.Count == 0 ? null : WilcoxonSignedRank.TwoSidedP(ours, theirs);
    }

    private ConfigAggregate? ConfigOf(ReportCell cell, string dataset) =>
        report.Selections.Where(s => s.Dataset == dataset && s.Model == cell.Model)
            .Select(s => CellSource.Reported(s, report.SelectionMetric))
            .FirstOrDefault(c => CellSource.Describe(c, report.VaryingKeys.Concat(report.Tuned)) == cell.Config);

    private IEnumerable<string> SelectionNotes(IReadOnlyList<ReportRow> rows)
    {
        var seeds = report.Configs.Select(c => c.ExpectedSeeds.Length).DefaultIfEmpty(0).Max();
        yield return (seeds == 1 ? "Test metrics of one seed" : $"Test medians over {seeds} seeds") + (report.Tuned.IsEmpty ? "."
            : $"; {string.Join(", ", report.Tuned)} chosen per cell by the validation {MetricName(report.SelectionMetric)} median, never by test metrics.");
        if (rows.Any(r => r.Cells.Any(c => c.Incomplete)))
            yield return "Incomplete cells: the median of the seeds that finished, with the seeds still missing.";
    }

    private IEnumerable<string> SignificanceNotes(SignificanceTest test, List<string> tests)
    {
        if (tests.Count == 0)
        {
            if (report.Selections.Select(s => s.Model).Distinct().Count() > 1)
                yield return "Significance not tested: no pair of cells has per-user test ranks for the same seeds.";
            yield break;
        }
        yield return $"† differs from {test.Against} at α = {Alpha}: two-sided Wilcoxon signed-rank test over users, "
                     + "paired by seed and pooled over seeds, Holm-corrected across the cells tested against it. Adjusted p-values: " + string.Join("; ", tests) + ".";
    }

    private IEnumerable<string> PaperNote(int table, IReadOnlyList<ReportRow> rows)
    {
        if (paper is null) yield break;
        yield return rows.Any(r => r.Cells.Any(c => c.Paper is not null))
            ? $"Paper: the value reported in Table {table} of the FPARec paper; Δ = (ours − paper) / paper."
            : $"Paper: Table {table} of the FPARec paper reports none of these cells.";
    }

    public static string MetricName(string metric) => metric.ToUpperInvariant();

    public static string FormatP(double p) => p < 1e-4 ? p.ToString("0.0E+0", System.Globalization.CultureInfo.InvariantCulture)
        : p.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
