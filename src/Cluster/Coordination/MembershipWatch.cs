using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Sweeps.Coordinator;

namespace Sweeps.Cluster.Coordination;

/// <summary>Follows cluster membership on the coordinator silo: when a silo is declared dead, the jobs
/// it held go back to other workers at once, without waiting for their leases to lapse.</summary>
public sealed class MembershipWatch(IClusterMembershipService membership, SweepCoordinator coordinator, ILogger<MembershipWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)))
                {
                    var reclaimed = await coordinator.ReclaimHolderAsync(Holder(member.SiloAddress), stoppingToken).ConfigureAwait(false);
                    if (reclaimed > 0) logger.LogWarning("silo {Silo} declared dead: {Count} job(s) handed out again", member.SiloAddress, reclaimed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>How a worker silo names itself when it leases, and how membership names it here.</summary>
    public static string Holder(SiloAddress silo) => silo.ToParsableString();
}
