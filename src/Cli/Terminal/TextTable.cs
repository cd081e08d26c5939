using System.Text;

namespace Sweeps.Cli.Terminal;

/// <summary>A plain-text table that fits a width: columns as wide as their widest cell, the last one
/// cut with '…' where the line would overflow (unless the caller wants everything, --wide). Plain text
/// on purpose: it reads the same in a terminal, a pipe and a log.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public TextTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <param name="width">Line width to fit; null for no limit.</param>
    public string Render(int? width)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            var rendered = line.ToString().TrimEnd();
            text.AppendLine(width is { } w && rendered.Length > w ? rendered[..(w - 1)] + "…" : rendered);
        }
        return text.ToString();
    }
}
