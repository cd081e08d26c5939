namespace Sweeps.Coordinator.Api.Dashboard;

/// <summary>A results table as the dashboard draws it: any table definition renders to this, so the
/// page needs no knowledge of what the table means.</summary>
public sealed record TableView(string Title, IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows, string? Note = null);

public sealed record TableRow(IReadOnlyList<TableCell> Cells);

/// <summary>One cell; <see cref="Bold"/> marks the best of its group and <see cref="Underline"/> the
/// second, as the paper's tables do.</summary>
public sealed record TableCell(string Text, bool Bold = false, bool Underline = false);
