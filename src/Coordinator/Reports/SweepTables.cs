using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Reports;

/// <summary>A sweep's paper tables from the store: the entry point of <c>sweeps report</c>, the HTTP API
/// and the dashboard.</summary>
public sealed class SweepTables(SweepStore store)
{
    /// <param name="kinds">The tables wanted; null for every table the sweep has data for.</param>
    /// <param name="datasets">Table 2's statistics per dataset name, from whoever can read the files.</param>
    /// <returns>Null when there is no such sweep.</returns>
    public async Task<IReadOnlyList<ReportTable>?> BuildAsync(string sweepId, IReadOnlyCollection<TableKind>? kinds = null,
        bool withPaper = false, IReadOnlyDictionary<string, DatasetFigures>? datasets = null, CancellationToken cancellationToken = default)
    {
        var report = await new SweepReports(store).BuildAsync(sweepId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (report is null) return null;
        var ranks = new RankLookup(await store.LoadTestRanksAsync(sweepId, cancellationToken).ConfigureAwait(false));
        var builder = new ReportBuilder(report, ranks, datasets ?? new Dictionary<string, DatasetFigures>(),
            withPaper ? PaperReference.FparecPaper : null);
        return [.. (kinds ?? ReportBuilder.Applicable(report)).Select(builder.Build)];
    }
}
