using System.Net;
using System.Text;

namespace Sweeps.Coordinator.Reports.Rendering;

/// <summary>An HTML fragment: a <c>table</c> with a caption, best in <c>strong</c>, second in <c>u</c>,
/// incomplete cells carrying the class <c>incomplete</c>, the notes in paragraphs after it.</summary>
public static class HtmlTable
{
    public static string Render(ReportTable table, bool withStd)
    {
        var text = new StringBuilder();
        text.Append($"<table class=\"sweeps-report\" id=\"{table.Name}\">\n");
        text.Append($"<caption>{table.Label}: {Encode(table.Title)}</caption>\n<thead><tr>");
        foreach (var header in table.LabelHeaders.Concat(table.ColumnHeaders)) text.Append($"<th>{Encode(header)}</th>");
        text.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            text.Append("<tr>");
            foreach (var label in row.Labels) text.Append($"<th scope=\"row\">{Encode(label)}</th>");
            foreach (var cell in row.Cells) text.Append(Cell(cell, withStd));
            text.Append("</tr>\n");
        }
        text.Append("</tbody>\n</table>\n");
        foreach (var note in table.Notes) text.Append($"<p class=\"note\">{Encode(note)}</p>\n");
        return text.ToString();
    }

    private static string Cell(ReportCell cell, bool withStd)
    {
        var number = Encode(CellText.Number(cell));
        var marked = number.Length == 0 ? "" : cell.Emphasis switch
        {
            Emphasis.Best => $"<strong>{number}</strong>",
            Emphasis.Second => $"<u>{number}</u>",
            _ => number,
        };
        var classes = cell.Incomplete ? " class=\"incomplete\"" : cell.Absent ? " class=\"absent\"" : "";
        return $"<td{classes}>{marked}{Encode(CellText.Suffix(cell, withStd))}</td>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
