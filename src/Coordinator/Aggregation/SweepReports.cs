using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Aggregation;

/// <summary>Builds a sweep's report from the store; the entry point every results view calls.</summary>
public sealed class SweepReports(SweepStore store)
{
    public async Task<SweepReport?> BuildAsync(string sweepId, string selectionMetric = SweepAggregator.DefaultSelectionMetric,
        CancellationToken cancellationToken = default)
    {
        var sweep = await store.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false);
        if (sweep is null) return null;
        var outcomes = await store.LoadOutcomesAsync(sweepId, cancellationToken).ConfigureAwait(false);
        return SweepAggregator.Aggregate(sweepId, sweep.Tuned, outcomes, selectionMetric);
    }
}
