using System.Text.RegularExpressions;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Reports;
using Sweeps.Coordinator.Reports.Rendering;
using Sweeps.Coordinator.Reports.Significance;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

/// <summary>The fixture store is filled once for the class: its tests only read it.</summary>
public sealed class ReportStore : IAsyncLifetime
{
    internal TempStore Temp { get; } = new();
    public async Task InitializeAsync() => await ReportFixture.PopulateAsync(Temp.Store);
    public async Task DisposeAsync() => await Temp.DisposeAsync();
}

public sealed class ReportTests(ReportStore fixture) : IClassFixture<ReportStore>
{
    private readonly TempStore _temp = fixture.Temp;

    public static TheoryData<string, TableKind, ReportFormat, bool> Goldens()
    {
        var data = new TheoryData<string, TableKind, ReportFormat, bool>();
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            data.Add(ReportFixture.Comparison, TableKind.Datasets, format, true);
            data.Add(ReportFixture.Comparison, TableKind.Comparison, format, false);
            data.Add(ReportFixture.Comparison, TableKind.Comparison, format, true);
            data.Add(ReportFixture.Comparison, TableKind.Ablation, format, true);
            data.Add(ReportFixture.KSweep, TableKind.K, format, true);
            data.Add(ReportFixture.Encodings, TableKind.Configs, format, false);
        }
        return data;
    }

    /// <summary>Every table in every format against a reviewed golden file. Set SWEEPS_UPDATE_GOLDEN=1
    /// to rewrite them after an intended change, then review the diff.</summary>
    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Tables_render_as_their_golden_files(string sweep, TableKind kind, ReportFormat format, bool withPaper)
    {
        var figures = new Dictionary<string, DatasetFigures> { ["Beauty"] = new(22363, 12101, 198502, 8.876) };
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(sweep, [kind], withPaper, figures))!);
        var rendered = ReportRenderer.Render(table, format, withStd: withPaper);

        var name = $"{kind.ToString().ToLowerInvariant()}{(withPaper ? "-paper" : "")}.{ReportRenderer.Extension(format)}";
        var path = Path.Combine(GoldenDirectory(), name);
        if (Environment.GetEnvironmentVariable("SWEEPS_UPDATE_GOLDEN") == "1") await File.WriteAllTextAsync(path, rendered);
        Assert.Equal(await File.ReadAllTextAsync(path), rendered);
    }

    [Fact]
    public async Task Best_is_bold_second_underlined_ties_share_a_mark_and_incomplete_cells_get_none()
    {
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(ReportFixture.Comparison, [TableKind.Comparison]))!);
        var columns = table.ColumnHeaders.ToList();
        ReportCell At(string dataset, string metric, string model) =>
            table.Rows.Single(r => r.Labels[0] == dataset && r.Labels[1] == metric).Cells[columns.IndexOf(model)];

        Assert.Equal(["SASRec", "Linear Attention", "Token Mixing", "PARec", "FPARec", "+Average"], columns);
        Assert.Equal(Emphasis.Best, At("Beauty", "HR@10", "FPARec").Emphasis);
        Assert.Equal(Emphasis.Second, At("Beauty", "HR@10", "SASRec").Emphasis);
        Assert.Equal(Emphasis.Best, At("Beauty", "NDCG@10", "SASRec").Emphasis);
        Assert.Equal(Emphasis.Second, At("Beauty", "NDCG@10", "FPARec").Emphasis);
        Assert.Equal(Emphasis.None, At("Beauty", "NDCG@10", "Token Mixing").Emphasis);
        Assert.Equal(At("Beauty", "NDCG@10", "Token Mixing").Value!.Value, At("Beauty", "NDCG@10", "PARec").Value!.Value, 12);

        var incomplete = At("Yelp", "HR@10", "FPARec");
        Assert.Equal([2, 3], incomplete.MissingSeeds);
        Assert.Equal(1, incomplete.N);
        Assert.Equal(Emphasis.None, incomplete.Emphasis);
        Assert.Equal(Emphasis.Best, At("Yelp", "HR@10", "PARec").Emphasis);
        Assert.True(At("Yelp", "HR@10", "Linear Attention").Absent);
    }

    [Fact]
    public async Task Tuned_dimensions_are_chosen_by_validation_even_where_test_disagrees()
    {
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(ReportFixture.Comparison, [TableKind.Comparison]))!);

        var cells = table.Rows.SelectMany(r => r.Cells).Where(c => c.Value is not null).ToList();
        Assert.NotEmpty(cells);
        // maxlen 100 has the better test median in every cell; validation prefers 50 everywhere.
        Assert.All(cells, c => Assert.Equal("maxlen=50", c.Config));
        Assert.Equal(0.0813, cells.Single(c => c is { Dataset: "Beauty", Metric: "hr@10", Model: "sasrec" }).Value!.Value, 12);
    }

    [Fact]
    public async Task A_copy_of_the_best_baseline_is_not_significant_and_a_shifted_copy_is()
    {
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(ReportFixture.Comparison, [TableKind.Comparison]))!);
        var row = table.Rows.Single(r => r.Labels[0] == "Beauty" && r.Labels[1] == "HR@10");
        var columns = table.ColumnHeaders.ToList();

        var copy = row.Cells[columns.IndexOf("PARec")];
        var shifted = row.Cells[columns.IndexOf("FPARec")];
        Assert.Equal(1.0, copy.PValue!.Value, 12);
        Assert.False(copy.Significant);
        Assert.True(shifted.Significant);
        Assert.True(shifted.PValue < 1e-6, $"p = {shifted.PValue}");
        Assert.Null(row.Cells[columns.IndexOf("Token Mixing")].PValue);
        Assert.Null(row.Cells[columns.IndexOf("SASRec")].PValue);
        Assert.Contains(table.Notes, n => n.Contains("Wilcoxon signed-rank", StringComparison.Ordinal) && n.Contains("Holm", StringComparison.Ordinal));
        Assert.All(table.Rows.Where(r => r.Labels[0] == "Yelp").SelectMany(r => r.Cells), c => Assert.Null(c.PValue));
    }

    [Fact]
    public async Task Each_fixed_pattern_is_tested_against_the_best_learned_positional_attention_of_its_column()
    {
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(ReportFixture.Comparison, [TableKind.Ablation]))!);
        var column = table.ColumnHeaders.ToList().IndexOf("Beauty HR@10");
        ReportCell At(string model) => table.Rows.Single(r => r.Labels[0] == model).Cells[column];

        // FPARec is the column's best learned model; the average pattern is five places behind it for every user.
        var average = At("+Average");
        Assert.True(average.Significant);
        Assert.True(average.PValue < 1e-6, $"p = {average.PValue}");
        // Only the fixed patterns are tested: PARec, a copy of SASRec, and SASRec itself carry no p.
        Assert.All(new[] { "FPARec", "PARec", "SASRec" }, model => Assert.Null(At(model).PValue));
        Assert.All(table.Rows.SelectMany(r => r.Cells).Where(c => c.Dataset == "Yelp"), c => Assert.Null(c.PValue));
        Assert.Contains(table.Notes, n => n.Contains("best learned positional attention", StringComparison.Ordinal)
                                          && n.Contains("Beauty HR@10 against FPARec: +Average p = ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Column_headers_name_only_what_varies_within_a_model()
    {
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(ReportFixture.Presets, [TableKind.Comparison]))!);

        Assert.Equal(["SASRec", "FPARec dropout=0.2", "FPARec dropout=0.5", "sasrec_author"], table.ColumnHeaders);
        // The significance note names a cell as its header does, so the two FPARec configs stay apart.
        Assert.Contains(table.Notes, n => Regex.IsMatch(n, "Beauty HR@10 against SASRec: [^;]*FPARec dropout=0.2 p = ")
                                          && Regex.IsMatch(n, "Beauty HR@10 against SASRec: [^;]*FPARec dropout=0.5 p = "));
    }

    [Fact]
    public async Task The_configs_table_has_a_row_per_config_each_tested_against_its_columns_best()
    {
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(ReportFixture.Encodings, [TableKind.Configs]))!);
        ReportCell At(string config, string column) =>
            table.Rows.Single(r => r.Labels[0] == config).Cells[table.ColumnHeaders.ToList().IndexOf(column)];

        Assert.Equal(["SASRec pe=learned", "SASRec pe=none", "SASRec pe=rmha4", "SASRec pe=rope"], table.Rows.Select(r => r.Labels[0]));
        Assert.Equal(["Beauty HR@10", "Beauty NDCG@10"], table.ColumnHeaders);
        Assert.Equal("configs", table.Name);
        Assert.Null(table.Number);
        var best = At("SASRec pe=rope", "Beauty HR@10");
        Assert.Equal(Emphasis.Best, best.Emphasis);
        Assert.Equal(0.0840, best.Value!.Value, 12);
        Assert.Null(best.PValue);
        // Every user two places behind the best (learned) or five (none): both differ from it.
        Assert.True(At("SASRec pe=learned", "Beauty HR@10").Significant);
        Assert.True(At("SASRec pe=none", "Beauty NDCG@10").Significant);
        Assert.Contains(table.Notes, n => Regex.IsMatch(n, "Beauty NDCG@10 against SASRec pe=rope: [^;]*SASRec pe=none p = "));
        // RMHA-4's one seed of three is above RoPE's median, yet the complete RoPE stays the reference.
        var rmha = At("SASRec pe=rmha4", "Beauty HR@10");
        Assert.True(rmha.Incomplete);
        Assert.True(rmha.Value > best.Value);
        Assert.NotNull(rmha.PValue);
    }

    [Fact]
    public async Task The_configs_table_comes_with_a_sweep_that_runs_one_model_in_several_configs_beyond_k_and_blocks()
    {
        async Task<IReadOnlyList<TableKind>> KindsOf(string sweep) =>
            ReportBuilder.Applicable((await new SweepReports(_temp.Store).BuildAsync(sweep))!);

        Assert.Contains(TableKind.Configs, await KindsOf(ReportFixture.Encodings));
        Assert.Contains(TableKind.Configs, await KindsOf(ReportFixture.Presets));
        // maxlen is tuned (one config reported per model) and k has Table 5.
        Assert.DoesNotContain(TableKind.Configs, await KindsOf(ReportFixture.Comparison));
        Assert.DoesNotContain(TableKind.Configs, await KindsOf(ReportFixture.KSweep));
    }

    [Fact]
    public void Wilcoxon_signed_rank_matches_a_hand_computed_example_and_holm_steps_down()
    {
        // Differences 1, 2, 3, −4, 5, 6, 7, 8 (no ties): W+ = 32, mean 18, variance 51;
        // z = (32 − 18 − 0.5) / √51 = 1.8904, two-sided p = 0.05871.
        double[] a = [1, 2, 3, 0, 5, 6, 7, 8];
        double[] b = [0, 0, 0, 4, 0, 0, 0, 0];
        Assert.Equal(0.05871, WilcoxonSignedRank.TwoSidedP(a, b), 4);
        Assert.Equal(1.0, WilcoxonSignedRank.TwoSidedP(a, a), 12);
        Assert.Equal([0.03, 0.04, 0.04], HolmCorrection.Adjust([0.01, 0.04, 0.02]), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Per_user_metrics_average_to_the_reported_ones()
    {
        int[] ranks = [0, 1, 9, 10, 19];
        Assert.Equal([1, 1, 1, 0, 0], PerUserMetric.Of("hr@10", ranks)!);
        Assert.Equal(1 / Math.Log2(11), PerUserMetric.Of("ndcg@10", ranks)![2], 12);
        Assert.Equal(0.05, PerUserMetric.Of("mrr", ranks)![4], 12);
        Assert.Null(PerUserMetric.Of("loss", ranks));
    }

    [Fact]
    public async Task The_k_table_orders_k_numerically_and_adds_the_papers_rows()
    {
        var table = Assert.Single((await new SweepTables(_temp.Store).BuildAsync(ReportFixture.KSweep, [TableKind.K], withPaper: true))!);
        Assert.Equal(["k=5", "k=10", "k=20"], table.ColumnHeaders);
        var paperRow = table.Rows.Single(r => r.Labels[0] == "ml-1m (paper)" && r.Labels[2] == "HR@10");
        Assert.Equal([null, 0.2368, 0.2397], paperRow.Cells.Select(c => c.Paper));
    }

    private static string GoldenDirectory([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden");

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
