using System.Text;

namespace Sweeps.Coordinator.Reports.Rendering;

/// <summary>GitHub Markdown: best in bold, second underlined (<c>&lt;u&gt;</c>, as the paper's text has it),
/// the notes below the table.</summary>
public static class MarkdownTable
{
    public static string Render(ReportTable table, bool withStd)
    {
        var text = new StringBuilder();
        text.Append($"### {table.Label}: {table.Title}\n\n");
        Row(text, [.. table.LabelHeaders, .. table.ColumnHeaders]);
        Row(text, [.. table.LabelHeaders.Select(_ => "---"), .. table.ColumnHeaders.Select(_ => "---:")]);
        foreach (var row in table.Rows)
            Row(text, [.. row.Labels.Select(Escape), .. row.Cells.Select(c => Cell(c, withStd))]);
        foreach (var note in table.Notes) text.Append('\n').Append(Escape(note)).Append('\n');
        return text.ToString();
    }

    private static string Cell(ReportCell cell, bool withStd)
    {
        var number = CellText.Number(cell);
        var marked = number.Length == 0 ? "" : cell.Emphasis switch
        {
            Emphasis.Best => $"**{number}**",
            Emphasis.Second => $"<u>{number}</u>",
            _ => number,
        };
        return marked + Escape(CellText.Suffix(cell, withStd));
    }

    private static void Row(StringBuilder text, IEnumerable<string> cells) =>
        text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
