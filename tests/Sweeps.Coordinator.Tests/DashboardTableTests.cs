using Sweeps.Coordinator.Api.Dashboard;
using Sweeps.Coordinator.Reports;

namespace Sweeps.Coordinator.Tests;

/// <summary>The dashboard draws the report's tables from plain cells: same text, the paper's marks as
/// bold and underline, footnotes kept.</summary>
public sealed class DashboardTableTests
{
    [Fact]
    public void A_report_table_becomes_labelled_rows_with_its_marks()
    {
        static ReportCell Cell(double? value, Emphasis emphasis, params int[] missing) =>
            new(CellKind.Metric, value, 3 - missing.Length, null, missing, "Beauty", "ndcg@10", "fparec", "", Emphasis: emphasis);
        var table = new ReportTable(3, TableKind.Comparison, "Table 3", ["dataset", "metric"], ["SASRec", "FPARec", "PARec"],
            [new ReportRow(["Beauty", "NDCG@10"], [Cell(0.0392, Emphasis.Second), Cell(0.04, Emphasis.Best), Cell(0.031, Emphasis.None, 3)])],
            ["medians over seeds"]);

        var view = ReportTableView.From(table);

        Assert.Equal(["dataset", "metric", "SASRec", "FPARec", "PARec"], view.Columns);
        var cells = Assert.Single(view.Rows).Cells;
        Assert.Equal(["Beauty", "NDCG@10", "0.0392", "0.0400", "0.0310 (2/3, missing 3)"], cells.Select(c => c.Text));
        Assert.Equal([false, false, false, true, false], cells.Select(c => c.Bold));
        Assert.Equal([false, false, true, false, false], cells.Select(c => c.Underline));
        Assert.Equal("medians over seeds", view.Note);
    }
}
