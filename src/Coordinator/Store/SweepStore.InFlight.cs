using Microsoft.EntityFrameworkCore;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Coordinator.Store;

/// <summary>An attempt an earlier coordinator handed out and nobody has settled, with the worker
/// that last reported on it; <paramref name="Started"/> when a worker reported starting it (Running).</summary>
public sealed record InFlightAttempt(DispatchableJob Job, JobMessage Attempt, string WorkerId, bool Started);

public sealed partial class SweepStore
{
    /// <summary>The Queued and Running attempts, for a coordinator that restarts while workers may
    /// still be training them.</summary>
    public Task<IReadOnlyList<InFlightAttempt>> InFlightAsync(CancellationToken cancellationToken = default) =>
        WithContextAsync<IReadOnlyList<InFlightAttempt>>(async db =>
        {
            var rows = await WithDemands(db, db.Jobs.AsNoTracking()
                    .Where(j => (j.State == JobState.Queued || j.State == JobState.Running) && j.AttemptToken != null))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.Select(d =>
            {
                var job = d.ToDispatchable();
                var queuedAt = DateTimeOffset.FromUnixTimeMilliseconds(d.Job.QueuedAtMs ?? NowMs);
                return new InFlightAttempt(job,
                    new JobMessage(job.Spec, d.Job.AttemptToken!, d.Job.Attempts, queuedAt) { KeepWeights = job.KeepWeights, Device = job.Device },
                    d.Job.WorkerId ?? "", d.Job.State == JobState.Running);
            }).ToList();
        }, cancellationToken);
}
