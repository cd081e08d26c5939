using Orleans.Concurrency;
using Sweeps.Cluster.Placement;
using Sweeps.Coordinator;

namespace Sweeps.Cluster.Grains;

/// <summary>A thin adapter over the silo's <see cref="SweepCoordinator"/>: it holds nothing, so losing
/// the activation (its directory entry lived on a silo that left) loses nothing. Reentrant because a
/// lease call waits for work while reports must go on arriving.</summary>
[CoordinatorSiloPlacement, Reentrant]
public sealed class CoordinatorGrain(SweepCoordinator coordinator) : Grain, ICoordinatorGrain
{
    /// <summary>How long a lease call waits for an offer before answering with none.</summary>
    public static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(5);

    public async Task<LeasedAttempt[]> Lease(string holder, string workerId, int max)
    {
        var leased = await coordinator.LeaseAsync(holder, workerId, max, LeaseWait, CancellationToken.None);
        return [.. leased.Select(WireFormat.ToWire)];
    }

    public Task<bool> Report(string holder, WireReport report) =>
        coordinator.ReportAsync(holder, WireFormat.FromWire(report), CancellationToken.None);
}
