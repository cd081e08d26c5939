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
            var rows = await db.Jobs.AsNoTracking()
                .Where(j => (j.State == JobState.Queued || j.State == JobState.Running) && j.AttemptToken != null)
                .Select(j => new { j.Id, j.SpecJson, j.Attempts, j.AttemptToken, j.WorkerId, j.QueuedAtMs, j.State })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var demands = await DemandsAsync(db, [.. rows.Select(r => r.Id)], cancellationToken).ConfigureAwait(false);
            return rows.Select(r =>
            {
                var spec = JobSpec.FromCanonicalJson(r.SpecJson);
                var queuedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.QueuedAtMs ?? NowMs);
                var demand = DemandsOf(demands, r.Id);
                return new InFlightAttempt(new DispatchableJob(spec, r.Attempts) { KeepWeights = demand.KeepWeights, Device = demand.Device },
                    new JobMessage(spec, r.AttemptToken!, r.Attempts, queuedAt) { KeepWeights = demand.KeepWeights, Device = demand.Device }, r.WorkerId ?? "",
                    r.State == JobState.Running);
            }).ToList();
        }, cancellationToken);
}
