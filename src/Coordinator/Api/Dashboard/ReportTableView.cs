using Sweeps.Coordinator.Reports;
using Sweeps.Coordinator.Reports.Rendering;

namespace Sweeps.Coordinator.Api.Dashboard;

/// <summary>One of the report's tables (the paper's Tables 3–6) as the dashboard draws it: the same
/// words and numbers as every other renderer, the paper's marks as bold and underline.</summary>
public static class ReportTableView
{
    public static TableView From(ReportTable table) => new(
        table.Title,
        [.. table.LabelHeaders, .. table.ColumnHeaders],
        [.. table.Rows.Select(row => new TableRow([
            .. row.Labels.Select(label => new TableCell(label)),
            .. row.Cells.Select(cell => new TableCell(CellText.Plain(cell, withStd: false),
                cell.Emphasis == Emphasis.Best, cell.Emphasis == Emphasis.Second)),
        ]))],
        table.Notes.Count == 0 ? null : string.Join(" ", table.Notes));
}
