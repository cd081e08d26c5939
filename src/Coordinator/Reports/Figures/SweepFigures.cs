using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>A sweep's figures read from the store: per dataset, the training loss and validation
/// NDCG@10 curves of every config, where the sweep varies k or blocks, test NDCG@10 against it (each
/// line the median over seeds with the seeds' range shaded), and each seed's test NDCG@10 per config.
/// Figures that need the trained weights come from <paramref name="models"/> when given.</summary>
public sealed class SweepFigures(SweepStore store, IModelFigureSource? models = null)
{
    public const string Metric = "ndcg@10";

    public async Task<IReadOnlyList<Figure>?> BuildAsync(string sweepId, CancellationToken cancellationToken = default)
    {
        if (await store.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false) is null) return null;
        var curves = await store.LoadCurvesAsync(sweepId, cancellationToken).ConfigureAwait(false);
        var outcomes = await store.LoadOutcomesAsync(sweepId, cancellationToken).ConfigureAwait(false);
        var finished = outcomes.Where(o => o.State == JobState.Succeeded && o.Test is not null).ToList();
        var labels = new SeriesLabels(outcomes.Select(o => o.Spec));
        var figures = new List<Figure>();
        foreach (var dataset in curves.Select(c => c.Spec.Dataset).Distinct().Order(StringComparer.Ordinal))
        {
            var ofDataset = curves.Where(c => c.Spec.Dataset == dataset).ToList();
            figures.Add(CurveFigure($"curves-{FileName(dataset)}-loss", $"{dataset}: training loss", "mean training loss",
                ofDataset, labels, p => p.Loss));
            figures.Add(CurveFigure($"curves-{FileName(dataset)}-valid-ndcg10", $"{dataset}: validation NDCG@10", "validation NDCG@10",
                ofDataset, labels, p => p.Valid?[Metric]));
        }
        var finishedDatasets = finished.Select(o => o.Spec.Dataset).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var axis in ReportBuilder.AxisKeys.Where(labels.Varies))
            foreach (var dataset in finishedDatasets)
                figures.Add(AxisFigure(axis, dataset, finished.Where(o => o.Spec.Dataset == dataset).ToList(), labels));
        foreach (var dataset in finishedDatasets)
            if (SeedsOf(dataset, finished.Where(o => o.Spec.Dataset == dataset).ToList(), labels) is { } seeds)
                figures.Add(seeds);
        if (models is not null) figures.AddRange(await models.FiguresAsync(sweepId, cancellationToken).ConfigureAwait(false));
        return figures;
    }

    private static LineFigure CurveFigure(string name, string title, string yLabel, IReadOnlyList<JobCurve> curves,
        SeriesLabels labels, Func<CurvePoint, double?> value) =>
        new(name, title, "epoch", yLabel,
            [.. curves.GroupBy(c => c.Spec.ConfigId, StringComparer.Ordinal)
                .Select(config => new LineSeries(labels.Of(config.First().Spec),
                    Spread(config.SelectMany(c => c.Points.Select(p => (X: (double)p.Epoch, Y: value(p)))))))
                .Where(s => s.Points.Count > 0)
                .OrderBy(s => s.Label, StringComparer.Ordinal)]);

    private static LineFigure AxisFigure(string axis, string dataset, IReadOnlyList<JobOutcome> outcomes, SeriesLabels labels)
    {
        List<LineSeries> series = [.. outcomes.Where(o => o.Spec.Get(axis) is not null)
            .GroupBy(o => labels.Of(o.Spec, axis), StringComparer.Ordinal)
            .Select(line => new LineSeries(line.Key,
                Spread(line.Select(o => (X: o.Spec.Get(axis)!.Value.AsDouble(), Y: (double?)o.Test![Metric])))))
            .OrderBy(s => s.Label, StringComparer.Ordinal)];
        return new($"{axis}-{FileName(dataset)}", $"{dataset}: test NDCG@10 by {axis}", axis, "test NDCG@10", series,
            XTicks: [.. series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order()]);
    }

    /// <summary>The configs ranked by their median, best first. Null where no config of the dataset has
    /// two seeds finished: one dot per row says nothing about spread.</summary>
    private static SeedsFigure? SeedsOf(string dataset, IReadOnlyList<JobOutcome> outcomes, SeriesLabels labels)
    {
        List<SeedGroup> groups = [.. outcomes
            .GroupBy(o => o.Spec.ConfigId, StringComparer.Ordinal)
            .Select(config => (Label: labels.Of(config.First().Spec),
                Values: config.Select(o => new SeedValue(o.Spec.Seed, o.Test![Metric])).Where(v => double.IsFinite(v.Value))
                    .OrderBy(v => v.Value).ToArray()))
            .Where(g => g.Values.Length > 0)
            .Select(g => new SeedGroup(g.Label, MetricSummary.Of([.. g.Values.Select(v => v.Value)]).Median, g.Values))
            .OrderByDescending(g => g.Median).ThenBy(g => g.Label, StringComparer.Ordinal)];
        return groups.Any(g => g.Values.Count > 1)
            ? new SeedsFigure($"seeds-{FileName(dataset)}", $"{dataset}: test NDCG@10 of each seed", "test NDCG@10", groups)
            : null;
    }

    /// <summary>Median over the values at each x, with their minimum and maximum.</summary>
    private static IReadOnlyList<SpreadPoint> Spread(IEnumerable<(double X, double? Y)> values) =>
        [.. values.Where(v => v.Y is double y && double.IsFinite(y))
            .GroupBy(v => v.X)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var ys = g.Select(v => v.Y!.Value).Order().ToArray();
                return new SpreadPoint(g.Key, MetricSummary.Of(ys).Median, ys[0], ys[^1]);
            })];

    /// <summary>A name safe in a file name and a URL path.</summary>
    public static string FileName(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
