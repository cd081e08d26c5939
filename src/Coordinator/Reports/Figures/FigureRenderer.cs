using System.Globalization;
using ScottPlot;

namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>Draws figures with ScottPlot as PNG or SVG.</summary>
public static class FigureRenderer
{
    public const int DefaultWidth = 640;
    public const int DefaultHeight = 480;

    /// <summary>A seeds figure's rows with their label wrapped to two lines each: more than about ten
    /// rows do not fit the default height.</summary>
    private const int SeedRowHeight = 40;
    private const int SeedLabelLine = 36;

    /// <param name="height">Without it, <see cref="DefaultHeight"/>, or taller for a seeds figure of many rows.</param>
    public static byte[] Png(Figure figure, int width = DefaultWidth, int? height = null) =>
        Plot(figure).GetImageBytes(width, height ?? HeightOf(figure), ImageFormat.Png);

    public static string Svg(Figure figure, int width = DefaultWidth, int? height = null) =>
        Plot(figure).GetSvgXml(width, height ?? HeightOf(figure));

    private static int HeightOf(Figure figure) =>
        figure is SeedsFigure seeds ? Math.Max(DefaultHeight, 120 + SeedRowHeight * seeds.Groups.Count) : DefaultHeight;

    private static Plot Plot(Figure figure)
    {
        var plot = new Plot();
        plot.Title(figure.Title);
        switch (figure)
        {
            case HeatmapFigure heatmap: DrawHeatmap(plot, heatmap); break;
            case LineFigure lines: DrawLines(plot, lines); break;
            case SeedsFigure seeds: DrawSeeds(plot, seeds); break;
            default: throw new ArgumentException($"no drawing for {figure.GetType().Name}", nameof(figure));
        }
        return plot;
    }

    private static void DrawHeatmap(Plot plot, HeatmapFigure figure)
    {
        var heatmap = plot.Add.Heatmap(figure.Values);
        // Brightest where the value is largest.
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // The y axis points down, so row 0 is at the top, as in the paper's figures and any matrix,
        // and the tick labels read as row numbers.
        plot.Axes.InvertY();
        plot.Add.ColorBar(heatmap);
        plot.XLabel(figure.ColumnLabel);
        plot.YLabel(figure.RowLabel);
        plot.HideGrid();
    }

    private static void DrawLines(Plot plot, LineFigure figure)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < figure.Series.Count; s++)
        {
            var series = figure.Series[s];
            var color = palette.GetColor(s);
            var xs = series.Points.Select(p => p.X).ToArray();
            if (series.Points.Any(p => p.High > p.Low))
            {
                var band = plot.Add.FillY(xs, series.Points.Select(p => p.Low).ToArray(), series.Points.Select(p => p.High).ToArray());
                band.FillStyle.Color = color.WithAlpha(0.2);
                band.LineStyle.Width = 0;
            }
            var line = plot.Add.ScatterLine(xs, series.Points.Select(p => p.Y).ToArray());
            line.Color = color;
            line.LegendText = series.Label;
            line.MarkerSize = 5;
        }
        if (figure.XTicks is { Count: > 0 } ticks)
            plot.Axes.Bottom.SetTicks([.. ticks], [.. ticks.Select(x => x.ToString("G", CultureInfo.InvariantCulture))]);
        plot.XLabel(figure.XLabel);
        plot.YLabel(figure.YLabel);
        // Beside the plot, not over it: a sweep's figure can carry a dozen lines.
        if (figure.Series.Count > 0) plot.ShowLegend(Edge.Right);
    }

    private static void DrawSeeds(Plot plot, SeedsFigure figure)
    {
        // One row per config, the first at the top; its labels are the y ticks, so a dozen configs with
        // long labels stay readable where a legend of a dozen colours would not. The colours are the
        // seeds', fewer and with short names.
        var rows = figure.Groups.Count;
        double Row(int g) => rows - 1 - g;
        var palette = new ScottPlot.Palettes.Category10();
        var seeds = figure.Groups.SelectMany(g => g.Values.Select(v => v.Seed)).Distinct().Order().ToList();
        for (var s = 0; s < seeds.Count; s++)
        {
            var dots = figure.Groups.SelectMany((group, g) => group.Values.Where(v => v.Seed == seeds[s]).Select(v => (X: v.Value, Y: Row(g)))).ToList();
            var scatter = plot.Add.Scatter(dots.Select(d => d.X).ToArray(), dots.Select(d => d.Y).ToArray());
            scatter.LineWidth = 0;
            scatter.MarkerSize = 7;
            scatter.Color = palette.GetColor(s).WithAlpha(0.8);
            scatter.LegendText = $"seed {seeds[s]}";
        }
        for (var g = 0; g < rows; g++)
        {
            var median = plot.Add.Scatter(new[] { figure.Groups[g].Median }, new[] { Row(g) });
            median.LineWidth = 0;
            median.MarkerShape = MarkerShape.VerticalBar;
            median.MarkerSize = 18;
            median.Color = Colors.Black;
            if (g == 0) median.LegendText = "median";
        }
        plot.ShowLegend(Edge.Right);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(g => Row(g))], [.. figure.Groups.Select(g => Wrap(g.Label))]);
        plot.Axes.SetLimitsY(-0.5, rows - 0.5);
        plot.XLabel(figure.ValueLabel);
    }

    /// <summary>A label broken at spaces into lines of about <see cref="SeedLabelLine"/> characters, so a
    /// config's options do not squeeze the plot to a sliver.</summary>
    private static string Wrap(string label)
    {
        var lines = new List<string>();
        foreach (var word in label.Split(' '))
            if (lines.Count > 0 && lines[^1].Length + 1 + word.Length <= SeedLabelLine) lines[^1] += " " + word;
            else lines.Add(word);
        return string.Join("\n", lines);
    }
}
