using Microsoft.Extensions.Logging;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Failures;
using Sweeps.Coordinator.Dispatch;

namespace Sweeps.Coordinator.Leasing;

/// <summary>Takes jobs back from workers that went away: a lease that lapsed (its worker stopped
/// reporting: hung, partitioned, or gone before a restarted coordinator heard from it) or one whose
/// holder cluster membership declared dead. A reclaimed attempt ends with its worker lost, which does
/// not count against the job (up to <see cref="LeaseOptions.WorkerLossLimit"/>), or, when it was only
/// an offer that died with an earlier coordinator, as interrupted; either way its token is retired, so
/// whatever an old worker reports later is stale.</summary>
public sealed class LeaseKeeper(JobLeases leases, EventIngestor ingestor, TimeProvider clock, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        // A lease lapses at most a quarter of its allowance late; checked at least every 5 s.
        var period = TimeSpan.FromTicks(Math.Clamp(leases.Options.Shortest.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        using var timer = new PeriodicTimer(period, clock);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            foreach (var lease in leases.Lapsed())
            {
                // An offer that died with an earlier coordinator lost no worker: nobody had taken it.
                if (lease.OfferLost)
                    await ReclaimAsync(lease, FailureKind.Interrupted, "offered by a coordinator that stopped; no worker had taken it", stopping).ConfigureAwait(false);
                else
                    await ReclaimAsync(lease, FailureKind.WorkerLost, lease.Adopted
                        ? $"no report from {lease.WorkerId} after the coordinator restarted"
                        : $"no report from {lease.WorkerId} within {leases.Options.HeartbeatTimeout.TotalSeconds:0.#} s", stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every job held by <paramref name="holder"/>, whose process membership declared dead.</summary>
    public async Task<int> ReclaimHolderAsync(string holder, CancellationToken cancellationToken)
    {
        var held = leases.HeldBy(holder);
        foreach (var lease in held)
            await ReclaimAsync(lease, FailureKind.WorkerLost, $"worker {lease.WorkerId} was declared dead", cancellationToken).ConfigureAwait(false);
        return held.Count;
    }

    private async Task ReclaimAsync(Lease lease, FailureKind kind, string reason, CancellationToken cancellationToken)
    {
        leases.Release(lease.JobId, lease.AttemptToken);
        try
        {
            await ingestor.IngestAsync(new JobFailed(lease.JobId, lease.AttemptToken, lease.WorkerId, clock.GetUtcNow(), kind, reason), cancellationToken).ConfigureAwait(false);
            logger.LogWarning("job {JobId} taken back: {Reason}", lease.JobId, reason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store refused for now; hold the lease again so the next round retries.
            leases.Retain(lease);
            logger.LogError(e, "could not take back job {JobId}; retrying", lease.JobId);
        }
    }
}
