using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;
using Sweeps.Coordinator.Reports.Figures;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class FigureTests
{
    private static readonly HeatmapFigure Diagonal = new("diagonal", "diagonal", new double[,] { { 1, 0 }, { 0.5, 0.5 } });

    [Fact]
    public void Svg_is_an_xml_svg_document()
    {
        var svg = XDocument.Parse(FigureRenderer.Svg(Diagonal));

        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    [Theory]
    [InlineData(640, 480)]
    [InlineData(300, 200)]
    public void Png_decodes_at_the_size_asked_for(int width, int height)
    {
        using var bitmap = SKBitmap.Decode(FigureRenderer.Png(Diagonal, width, height));

        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    /// <summary>Row 0 is drawn at the top, as in the paper's figures, and the largest value brightest:
    /// the brightest cell shows up in the image's top half when it is in the first row, in the bottom
    /// half when in the last.</summary>
    [Theory]
    [InlineData(0, true)]
    [InlineData(3, false)]
    public void The_brightest_cell_is_drawn_where_the_matrix_has_its_largest_value(int row, bool inTopHalf)
    {
        var matrix = new double[4, 4];
        matrix[row, 0] = 1;
        using var bitmap = SKBitmap.Decode(FigureRenderer.Png(new HeatmapFigure("one", "", matrix), 400, 400));

        // The left half of the image holds column 0 of the data and none of the colour bar.
        var (top, bottom) = (0, 0);
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width / 2; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                var strong = pixel.Red > 200 && pixel.Green > 180 && pixel.Blue < 100; // the bright (yellow) end of the colour map
                if (strong && y < bitmap.Height / 2) top++;
                else if (strong) bottom++;
            }

        Assert.True(inTopHalf ? top > 10 * (bottom + 1) : bottom > 10 * (top + 1), $"strong pixels: {top} in the top half, {bottom} in the bottom half");
    }

    [Fact]
    public void Rows_are_scaled_to_their_maximum_and_empty_rows_stay_zero()
    {
        var scaled = RowScaling.ByRowMax(new double[,] { { 2, 1, 0 }, { 0, 0, 0 }, { 0.1, 0.4, 0.2 } });

        Assert.Equal(new double[,] { { 1, 0.5, 0 }, { 0, 0, 0 }, { 0.25, 1, 0.5 } }, scaled);
    }

    [Fact]
    public async Task A_sweep_over_k_gets_curves_and_a_k_line_with_its_seed_spread()
    {
        await using var harness = new CoordinatorHarness();
        await harness.StartAsync();
        var jobs = from k in new[] { 10, 20 } from seed in new[] { 1, 2 } select Jobs.Make("fparec", seed: seed, parameters: ("k", k));
        await harness.RunAsync(Jobs.Sweep("kfig", jobs));

        var figures = await new SweepFigures(harness.Store).BuildAsync("kfig");

        Assert.NotNull(figures);
        Assert.Equal(["curves-toy-loss", "curves-toy-valid-ndcg10", "k-toy", "seeds-toy"], figures.Select(f => f.Name));
        var kLine = Assert.IsType<LineFigure>(figures[2]);
        var series = Assert.Single(kLine.Series);
        Assert.Equal([10.0, 20.0], series.Points.Select(p => p.X));
        Assert.Equal([10.0, 20.0], kLine.XTicks);
        var texts = SvgTexts(FigureRenderer.Svg(kLine));
        Assert.Contains("20", texts);
        Assert.DoesNotContain("15", texts);
        Assert.All(series.Points, p => Assert.Equal(0.2, p.Y, 9));
        var loss = Assert.IsType<LineFigure>(figures[0]);
        Assert.Equal(["fparec k=10", "fparec k=20"], loss.Series.Select(s => s.Label));
        Assert.Equal([0.9, 0.7], loss.Series[0].Points.Select(p => p.Y));
        Assert.Null(await new SweepFigures(harness.Store).BuildAsync("no-such-sweep"));
    }

    [Fact]
    public async Task Lines_of_an_option_named_only_off_its_default_are_labelled_at_both_values()
    {
        await using var harness = new CoordinatorHarness();
        await harness.StartAsync();
        var jobs = new[]
        {
            Jobs.Make("fixed_average", parameters: ("maxlen", 50)),
            Jobs.Make("fixed_average", parameters: [("maxlen", 50), ("fixed_include_pad", true)]),
        };
        await harness.RunAsync(Jobs.Sweep("padfig", jobs));

        var figures = await new SweepFigures(harness.Store).BuildAsync("padfig");

        var loss = Assert.IsType<LineFigure>(figures!.First(f => f.Name == "curves-toy-loss"));
        Assert.Equal(["fixed_average fixed_include_pad=false", "fixed_average fixed_include_pad=true"],
            loss.Series.Select(s => s.Label).Order(StringComparer.Ordinal));
        // One seed per config: no spread to show.
        Assert.DoesNotContain(figures!, f => f is SeedsFigure);
    }

    [Fact]
    public async Task Each_seed_of_a_config_is_a_dot_beside_its_median_best_config_on_top()
    {
        await using var store = new TempStore();
        await ReportFixture.PopulateAsync(store.Store);

        var figures = await new SweepFigures(store.Store).BuildAsync(ReportFixture.KSweep);

        var seeds = Assert.IsType<SeedsFigure>(Assert.Single(figures!, f => f.Name == "seeds-Beauty"));
        // k 10 and 20 tie at the top (NDCG@10 0.0402); k 5 (0.0391) comes last.
        Assert.Equal(["fparec k=10", "fparec k=20", "fparec k=5"], seeds.Groups.Select(g => g.Label));
        var k5 = seeds.Groups[2];
        Assert.Equal([0.0387, 0.0391, 0.0395], k5.Values.Select(v => v.Value), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(0.0391, k5.Median, 12);
        // Each dot is its own seed's result, so one seed can be followed from config to config.
        var outcomes = await store.Store.LoadOutcomesAsync(ReportFixture.KSweep, CancellationToken.None);
        var k5Outcomes = outcomes.Where(o => o.Spec.Get("k")!.Value.AsDouble() == 5).ToList();
        Assert.Equal(3, k5Outcomes.Count);
        Assert.All(k5.Values, v => Assert.Equal(k5Outcomes.Single(o => o.Spec.Seed == v.Seed).Test!["ndcg@10"], v.Value, 12));
        var texts = SvgTexts(FigureRenderer.Svg(seeds));
        Assert.Contains("fparec k=5", texts);
        Assert.Contains("seed 1", texts);
        Assert.Contains("seed 3", texts);
        Assert.Contains("median", texts);
        Assert.Contains("Beauty: test NDCG@10 of each seed", texts);
    }

    [Fact]
    public void A_seeds_figure_of_many_configs_grows_taller_and_breaks_long_labels_into_lines()
    {
        SeedsFigure Of(int rows) => new("seeds", "", "test NDCG@10", [.. Enumerable.Range(0, rows).Select(i =>
            new SeedGroup($"pka pka_apply=weights_mul pka_lower=toeplitz pka_shared={i}", 0.04, [new(1, 0.039), new(2, 0.041)]))]);

        using var many = SKBitmap.Decode(FigureRenderer.Png(Of(13)));
        using var few = SKBitmap.Decode(FigureRenderer.Png(Of(3)));

        Assert.Equal(FigureRenderer.DefaultWidth, many.Width);
        Assert.True(many.Height > FigureRenderer.DefaultHeight, $"height {many.Height}");
        Assert.Equal(FigureRenderer.DefaultHeight, few.Height);
        var texts = SvgTexts(FigureRenderer.Svg(Of(3)));
        Assert.Contains("pka pka_apply=weights_mul", texts);
        Assert.Contains("pka_lower=toeplitz pka_shared=0", texts);
    }

    private static List<string> SvgTexts(string svg) =>
        [.. Regex.Matches(svg, @"<text[^>]*>\s*([^<]*?)\s*</text>").Select(m => m.Groups[1].Value)];
}
