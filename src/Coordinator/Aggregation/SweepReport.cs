using System.Collections.Immutable;

namespace Sweeps.Coordinator.Aggregation;

/// <summary>Everything a results table needs about one sweep.</summary>
/// <param name="SelectionMetric">The validation metric the tuned dimensions are chosen by.</param>
/// <param name="VaryingKeys">Untuned hyperparameters that take more than one value in the sweep: what
/// besides dataset and model tells its table rows apart.</param>
public sealed record SweepReport(
    string SweepId,
    ImmutableArray<string> Tuned,
    string SelectionMetric,
    ImmutableArray<string> VaryingKeys,
    ImmutableArray<ConfigAggregate> Configs,
    ImmutableArray<Selection> Selections)
{
    /// <summary>Configs still missing seeds: reported, never dropped.</summary>
    public IEnumerable<ConfigAggregate> Incomplete => Configs.Where(c => !c.IsComplete);
}
