using System.Text;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>A plain-text table that fits a terminal width: columns two spaces apart, numbers right-aligned,
/// and when too wide, the widest text column is cut (with "…") until the table fits. Only label columns
/// are cut; numbers never are.</summary>
public sealed class FittedTable(IReadOnlyList<string> headers, IReadOnlySet<int> numericColumns)
{
    public const int TerminalWidth = 80;
    private const int Gap = 2;
    private const int Narrowest = 4;
    private readonly List<string[]> _rows = [];

    public void Add(IReadOnlyList<string> cells) => _rows.Add([.. cells]);

    /// <param name="width">Null for no limit (<c>--wide</c>).</param>
    public string Render(int? width)
    {
        var widths = Enumerable.Range(0, headers.Count)
            .Select(c => _rows.Select(r => r[c].Length).Append(headers[c].Length).Max()).ToArray();
        while (width is { } limit && widths.Sum() + Gap * (widths.Length - 1) > limit)
        {
            var widest = Enumerable.Range(0, widths.Length).Where(c => !numericColumns.Contains(c) && widths[c] > Narrowest)
                .OrderByDescending(c => widths[c]).Select(c => (int?)c).FirstOrDefault();
            if (widest is not { } column) break;
            widths[column]--;
        }
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend([.. headers]))
        {
            var line = string.Join(new string(' ', Gap), row.Select((cell, c) => Pad(Cut(cell, widths[c]), widths[c], numericColumns.Contains(c))));
            text.Append(line.TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    private static string Cut(string cell, int width) => cell.Length <= width ? cell : cell[..(width - 1)] + "…";

    private static string Pad(string cell, int width, bool right) => right ? cell.PadLeft(width) : cell.PadRight(width);
}
