using System.Globalization;

namespace Sweeps.Coordinator.Reports.Rendering;

/// <summary>The words and numbers of a cell, shared by every renderer, which add only their own markup
/// (bold, underline, escaping).</summary>
public static class CellText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The number alone, as the paper prints it; empty when there is none.</summary>
    public static string Number(ReportCell cell) => cell.Value is { } v ? Format(cell.Kind, v) : "";

    /// <summary>What follows the number: spread, significance mark, seeds, the paper's value.</summary>
    public static string Suffix(ReportCell cell, bool withStd)
    {
        var parts = new List<string>();
        var text = "";
        if (cell.Value is null && cell.Incomplete) text = "pending";
        else if (cell.Value is null && cell.Paper is not null) text = "–";
        if (withStd && cell.Std is { } std && cell.N > 1) text += " ± " + Format(cell.Kind, std);
        if (cell.Significant) text += "†";
        if (cell.Incomplete)
            parts.Add(cell.Value is null
                ? $"seeds {Seeds(cell.MissingSeeds)} missing"
                : $"{cell.N}/{cell.N + cell.MissingSeeds.Count}, missing {Seeds(cell.MissingSeeds)}");
        if (cell.Paper is { } paper)
            parts.Add(cell.DeltaPercent is { } delta
                ? $"paper {Format(cell.Kind, paper)}, {delta.ToString("+0.0;-0.0;0.0", Invariant)}%"
                : $"paper {Format(cell.Kind, paper)}");
        return parts.Count == 0 ? text : $"{text} ({string.Join("; ", parts)})";
    }

    /// <summary>Number and suffix, for renderers without emphasis.</summary>
    public static string Plain(ReportCell cell, bool withStd) => Number(cell) + Suffix(cell, withStd);

    public static string Format(CellKind kind, double value) => kind switch
    {
        CellKind.Count => value.ToString("N0", Invariant),
        CellKind.Average => value.ToString("F2", Invariant),
        _ => value.ToString("F4", Invariant),
    };

    private static string Seeds(IReadOnlyList<int> seeds) => string.Join(", ", seeds);
}
