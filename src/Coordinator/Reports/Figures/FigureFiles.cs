namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>Writes each figure as <c>&lt;name&gt;.png</c> and <c>&lt;name&gt;.svg</c>.</summary>
public static class FigureFiles
{
    /// <returns>The paths written, PNG then SVG per figure.</returns>
    public static IReadOnlyList<string> Write(IEnumerable<Figure> figures, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var figure in figures)
        {
            var png = Path.Combine(directory, figure.Name + ".png");
            File.WriteAllBytes(png, FigureRenderer.Png(figure));
            var svg = Path.Combine(directory, figure.Name + ".svg");
            File.WriteAllText(svg, FigureRenderer.Svg(figure));
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }
}
