namespace Sweeps.Coordinator.Reports;

/// <summary>One of the report's tables filled from a sweep, independent of how it is drawn: the CLI
/// renders it as Markdown, LaTeX, CSV or HTML, the HTTP API returns it as JSON, the dashboard draws it.</summary>
/// <param name="Number">The paper's table number (2–6); null for a table the paper has no counterpart of.</param>
/// <param name="Kind">Which table: datasets, comparison, ablation, k, blocks or configs.</param>
/// <param name="LabelHeaders">Headers of the leading label columns (e.g. dataset, metric).</param>
/// <param name="ColumnHeaders">Headers of the value columns (e.g. the models).</param>
/// <param name="Notes">Footnotes: how cells were chosen, the significance test and its p-values.</param>
public sealed record ReportTable(
    int? Number,
    TableKind Kind,
    string Title,
    IReadOnlyList<string> LabelHeaders,
    IReadOnlyList<string> ColumnHeaders,
    IReadOnlyList<ReportRow> Rows,
    IReadOnlyList<string> Notes)
{
    /// <summary>File name without extension, and anchor: <c>table3</c>, or the kind's name (<c>configs</c>).</summary>
    public string Name => Number is { } n ? $"table{n}" : Kind.ToString().ToLowerInvariant();

    /// <summary>What a caption calls it: <c>Table 3</c>, or the kind's name (<c>Configs</c>).</summary>
    public string Label => Number is { } n ? $"Table {n}" : Kind.ToString();
}

/// <param name="Labels">One per <see cref="ReportTable.LabelHeaders"/>.</param>
/// <param name="Cells">One per <see cref="ReportTable.ColumnHeaders"/>.</param>
public sealed record ReportRow(IReadOnlyList<string> Labels, IReadOnlyList<ReportCell> Cells);

/// <summary>One number of a table and everything said about it.</summary>
/// <param name="Value">The test median over the seeds that finished (or a dataset statistic); null
/// when no seed has finished or nothing was run for this cell.</param>
/// <param name="N">Seeds behind <see cref="Value"/>.</param>
/// <param name="Std">Sample standard deviation over those seeds.</param>
/// <param name="MissingSeeds">Seeds the sweep asks for that have no result yet: the cell is incomplete.</param>
/// <param name="Config">Identity of the config reported, as the paper's reference file names it: the
/// varying hyperparameters and the tuned ones chosen by validation, e.g. <c>k=20 maxlen=50</c>.</param>
/// <param name="Paper">The paper's value for this cell, when asked for and reported.</param>
/// <param name="PValue">Holm-adjusted p-value of the paired test against the row's best baseline.</param>
/// <param name="Model">The model behind the cell, empty for dataset statistics.</param>
public sealed record ReportCell(
    CellKind Kind,
    double? Value,
    int N,
    double? Std,
    IReadOnlyList<int> MissingSeeds,
    string Dataset,
    string Metric,
    string Model,
    string Config,
    double? Paper = null,
    Emphasis Emphasis = Emphasis.None,
    double? PValue = null,
    bool Significant = false)
{
    public bool Incomplete => MissingSeeds.Count > 0;

    /// <summary>Nothing of this cell was run (as opposed to run but unfinished).</summary>
    public bool Absent => Value is null && MissingSeeds.Count == 0;

    /// <summary>Our value against the paper's, in percent of the paper's.</summary>
    public double? DeltaPercent => Value is { } ours && Paper is { } paper && paper != 0 ? (ours - paper) / paper * 100 : null;
}

public enum TableKind { Datasets, Comparison, Ablation, K, Blocks, Configs }

/// <summary>How a number is written: metrics with four decimals, counts as integers, averages with two.</summary>
public enum CellKind { Metric, Count, Average }

/// <summary>The paper's marks: best in bold, second underlined; tied values share a mark.</summary>
public enum Emphasis { None, Best, Second }
