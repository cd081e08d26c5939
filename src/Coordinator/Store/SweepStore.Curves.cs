using Microsoft.EntityFrameworkCore;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Store;

public sealed partial class SweepStore
{
    /// <summary>The recorded training curve of every job of a sweep that has one, epochs in order.</summary>
    public Task<IReadOnlyList<JobCurve>> LoadCurvesAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithReadContextAsync<IReadOnlyList<JobCurve>>(async db =>
        {
            var rows = await (from link in db.SweepJobs.AsNoTracking()
                              where link.SweepId == sweepId
                              join job in db.Jobs on link.JobId equals job.Id
                              join epoch in db.Epochs on job.Id equals epoch.JobId
                              select new { job.Id, job.SpecJson, epoch.Epoch, epoch.Loss, epoch.ValidJson })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.GroupBy(r => r.Id, StringComparer.Ordinal)
                .Select(g => new JobCurve(JobSpec.FromCanonicalJson(g.First().SpecJson),
                    [.. g.OrderBy(r => r.Epoch).Select(r => new CurvePoint(r.Epoch, r.Loss, r.ValidJson is null ? null : MetricJson.Read(r.ValidJson)))]))
                .ToList();
        }, cancellationToken);
}

/// <summary>A job's training curve: mean training loss per epoch, validation metrics where it evaluated.</summary>
public sealed record JobCurve(JobSpec Spec, IReadOnlyList<CurvePoint> Points);

public sealed record CurvePoint(int Epoch, double Loss, MetricSet? Valid);
