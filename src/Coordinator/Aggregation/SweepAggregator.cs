using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Aggregation;

/// <summary>Aggregation and selection, in one place for every consumer (the CLI tables, the API, the
/// dashboard): median, mean, std and n per config and metric; tuned dimensions chosen by validation.</summary>
public static class SweepAggregator
{
    public const string DefaultSelectionMetric = "ndcg@10";

    public static SweepReport Aggregate(string sweepId, IReadOnlyList<string> tuned, IEnumerable<JobOutcome> outcomes,
        string selectionMetric = DefaultSelectionMetric)
    {
        var configs = outcomes.GroupBy(o => o.Spec.ConfigId, StringComparer.Ordinal)
            .Select(Summarise)
            .OrderBy(c => c.Dataset, StringComparer.Ordinal).ThenBy(c => c.Model, StringComparer.Ordinal).ThenBy(c => c.ConfigId, StringComparer.Ordinal)
            .ToImmutableArray();
        var tunedSet = tuned.ToHashSet(StringComparer.Ordinal);
        var selections = configs.GroupBy(c => CellKey(c, tunedSet), StringComparer.Ordinal)
            .Select(g => Select([.. g], selectionMetric))
            .ToImmutableArray();
        return new SweepReport(sweepId, [.. tuned], selectionMetric, VaryingKeys(configs, tunedSet), configs, selections);
    }

    private static ConfigAggregate Summarise(IGrouping<string, JobOutcome> config)
    {
        var first = config.First().Spec;
        var finished = config.Where(o => o.Valid is not null && o.Test is not null).ToList();
        return new ConfigAggregate(config.Key, first.Dataset, first.DatasetHash, first.Model, ModelDefaults.Complete(first),
            [.. config.Select(o => o.Spec.Seed).Distinct().Order()],
            [.. finished.Select(o => o.Spec.Seed).Distinct().Order()],
            Summarise(finished.Select(o => o.Valid!)),
            Summarise(finished.Select(o => o.Test!)));
    }

    private static ImmutableSortedDictionary<string, MetricSummary> Summarise(IEnumerable<MetricSet> runs) =>
        runs.SelectMany(r => r.Values)
            .GroupBy(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => MetricSummary.Of(g.ToList()), StringComparer.Ordinal);

    private static Selection Select(ImmutableArray<ConfigAggregate> candidates, string metric)
    {
        var chosen = candidates.Where(c => c.IsComplete && c.ValidOf(metric) is not null)
            .OrderByDescending(c => c.ValidOf(metric)!.Median)
            .ThenBy(c => c.ConfigId, StringComparer.Ordinal)
            .FirstOrDefault();
        return new Selection(chosen, candidates, candidates.Any(c => !c.IsComplete));
    }

    /// <summary>What a config is apart from its tuned dimensions: configs with the same key compete.</summary>
    private static string CellKey(ConfigAggregate config, HashSet<string> tuned) =>
        new JobSpec(config.Dataset, config.DatasetHash, config.Model, config.Parameters.RemoveRange(tuned), 0).ConfigId;

    private static ImmutableArray<string> VaryingKeys(ImmutableArray<ConfigAggregate> configs, HashSet<string> tuned) =>
        [.. configs.SelectMany(c => c.Parameters)
            .Where(p => !tuned.Contains(p.Key))
            .GroupBy(p => p.Key, p => p.Value, StringComparer.Ordinal)
            .Where(g => g.Distinct().Count() > 1)
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)];
}
