using System.Globalization;
using Microsoft.Extensions.Hosting;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Placement;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator;

namespace Sweeps.Cluster.Grains;

/// <summary>A thin adapter over the silo's <see cref="SweepCoordinator"/>: it holds nothing, so losing
/// the activation (its directory entry lived on a silo that left) loses nothing. Reentrant because a
/// lease call waits for work while reports must go on arriving.</summary>
[CoordinatorSiloPlacement, Reentrant]
public sealed class CoordinatorGrain(SweepCoordinator coordinator, IClusterMembershipService membership, ISiloMetadataCache metadata,
    IHostApplicationLifetime lifetime) : Grain, ICoordinatorGrain
{
    /// <summary>How long a lease call waits for an offer before answering with none.</summary>
    public static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(5);

    public async Task<LeasedAttempt[]> Lease(string holder, string workerId, string device, int max)
    {
        // A silo that is stopping answers at once, so the waiting call does not hold up its shutdown.
        IReadOnlyList<Contracts.Attempts.JobMessage> leased;
        try { leased = await coordinator.LeaseAsync(holder, workerId, DeviceKinds.Parse(device), max, LeaseWait, lifetime.ApplicationStopping); }
        catch (OperationCanceledException) { leased = []; }
        return [.. leased.Select(WireFormat.ToWire)];
    }

    public Task<bool> Report(string holder, WireReport report) =>
        coordinator.ReportAsync(holder, WireFormat.FromWire(report), CancellationToken.None);

    public Task<SiloReport[]> DescribeCluster()
    {
        var leased = coordinator.Leases.Held.GroupBy(l => l.Holder).ToDictionary(g => g.Key, g => g.Count());
        return Task.FromResult(membership.CurrentSnapshot.Members.Values
            .OrderBy(m => m.Status).ThenBy(m => m.Name, StringComparer.Ordinal)
            .Select(member =>
            {
                var values = member.Status == SiloStatus.Active ? metadata.GetSiloMetadata(member.SiloAddress).Metadata : null;
                string Read(string key) => values?.GetValueOrDefault(key) ?? "";
                return new SiloReport(member.SiloAddress.ToString(), member.Name, member.Status.ToString(),
                    Read(SiloMetadataKeys.Roles), Read(SiloMetadataKeys.Devices),
                    int.TryParse(Read(SiloMetadataKeys.Slots), NumberStyles.None, CultureInfo.InvariantCulture, out var slots) ? slots : 0,
                    leased.GetValueOrDefault(MembershipWatch.Holder(member.SiloAddress)));
            }).ToArray());
    }
}
