using System.Text;

namespace Sweeps.Coordinator.Reports.Rendering;

/// <summary>A LaTeX <c>table</c> with booktabs rules: best in <c>\textbf</c>, second <c>\underline</c>d,
/// the notes in a footnote-sized paragraph under the tabular.</summary>
public static class LatexTable
{
    public static string Render(ReportTable table, bool withStd)
    {
        var text = new StringBuilder();
        text.Append("\\begin{table}[t]\n\\centering\n");
        text.Append($"\\caption{{{Escape(table.Title)}}}\n\\label{{tab:{table.Name}}}\n");
        text.Append("\\begin{tabular}{").Append(new string('l', table.LabelHeaders.Count)).Append(new string('r', table.ColumnHeaders.Count)).Append("}\n\\toprule\n");
        Row(text, [.. table.LabelHeaders.Select(Escape), .. table.ColumnHeaders.Select(Escape)]);
        text.Append("\\midrule\n");
        foreach (var row in table.Rows)
            Row(text, [.. row.Labels.Select(Escape), .. row.Cells.Select(c => Cell(c, withStd))]);
        text.Append("\\bottomrule\n\\end{tabular}\n");
        if (table.Notes.Count > 0)
            text.Append("\\par\\footnotesize ").Append(string.Join(" ", table.Notes.Select(Escape))).Append('\n');
        text.Append("\\end{table}\n");
        return text.ToString();
    }

    private static string Cell(ReportCell cell, bool withStd)
    {
        var number = CellText.Number(cell);
        var marked = number.Length == 0 ? "" : cell.Emphasis switch
        {
            Emphasis.Best => $"\\textbf{{{number}}}",
            Emphasis.Second => $"\\underline{{{number}}}",
            _ => number,
        };
        return marked + Escape(CellText.Suffix(cell, withStd));
    }

    private static void Row(StringBuilder text, IEnumerable<string> cells) =>
        text.Append(string.Join(" & ", cells)).Append(" \\\\\n");

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
            escaped.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '±' => "$\\pm$",
                '†' => "$^\\dagger$",
                'Δ' => "$\\Delta$",
                '−' => "$-$",
                'α' => "$\\alpha$",
                '–' => "--",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }
}
