using Microsoft.EntityFrameworkCore;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Coordinator.Store;

/// <summary>What the active sweeps containing a job ask of its runs: whether any of them keeps the
/// final weights, and the device kind they agree on.</summary>
internal sealed record JobDemands(bool KeepWeights, DeviceKind Device)
{
    public static JobDemands None { get; } = new(false, DeviceKind.Any);
}

public sealed partial class SweepStore
{
    private static async Task<IReadOnlyDictionary<string, JobDemands>> DemandsAsync(SweepsDbContext db, IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken)
    {
        var links = await db.SweepJobs.AsNoTracking()
            .Where(l => jobIds.Contains(l.JobId))
            .Join(db.Sweeps.Where(s => !s.Cancelled), l => l.SweepId, s => s.Id, (l, s) => new { l.JobId, s.KeepWeights, s.DeviceKind })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return links.GroupBy(l => l.JobId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new JobDemands(
            g.Any(l => l.KeepWeights),
            DeviceKinds.Agreed(g.Any(l => l.DeviceKind == "any"), g.Any(l => l.DeviceKind == "cpu"), g.Any(l => l.DeviceKind == "cuda"))),
            StringComparer.Ordinal);
    }

    private static JobDemands DemandsOf(IReadOnlyDictionary<string, JobDemands> demands, string jobId) =>
        demands.TryGetValue(jobId, out var d) ? d : JobDemands.None;
}
