using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Aggregation;

/// <summary>A config (a job without its seed) and its metrics summarised over the seeds that finished.
/// It is complete only when every seed the sweep asks for has a result.</summary>
public sealed record ConfigAggregate(
    string ConfigId,
    string Dataset,
    string DatasetHash,
    string Model,
    ImmutableSortedDictionary<string, HyperValue> Parameters,
    ImmutableArray<int> ExpectedSeeds,
    ImmutableArray<int> CompletedSeeds,
    ImmutableSortedDictionary<string, MetricSummary> Valid,
    ImmutableSortedDictionary<string, MetricSummary> Test)
{
    public bool IsComplete => MissingSeeds.IsEmpty;

    public ImmutableArray<int> MissingSeeds => [.. ExpectedSeeds.Except(CompletedSeeds).Order()];

    public MetricSummary? ValidOf(string metric) => Valid.GetValueOrDefault(metric);
    public MetricSummary? TestOf(string metric) => Test.GetValueOrDefault(metric);
}
