using System.Collections.Concurrent;
using Sweeps.Coordinator.Reports.Figures;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Api.Dashboard;

/// <summary>A sweep's figures, built once per state of the sweep: the page asks for the list and then
/// for each figure, and building them can mean loading every kept model.</summary>
internal sealed class FigureCache(SweepStore store, SweepFigures figures)
{
    private readonly ConcurrentDictionary<string, (string Version, IReadOnlyList<Figure> Figures)> _bySweep = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<Figure>?> GetAsync(string sweepId, CancellationToken cancellationToken)
    {
        if (await store.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false) is not { } sweep) return null;
        // Any job changing state (or a resubmission) changes this; progress within a job does not.
        var version = $"{sweep.UpdatedAt:O}|{string.Join(",", sweep.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))}";
        if (_bySweep.TryGetValue(sweepId, out var cached) && cached.Version == version) return cached.Figures;
        var built = await figures.BuildAsync(sweepId, cancellationToken).ConfigureAwait(false);
        if (built is not null) _bySweep[sweepId] = (version, built);
        return built;
    }
}
