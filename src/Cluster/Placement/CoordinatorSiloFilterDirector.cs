using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cluster.Placement;

/// <summary>Keeps the candidate silos whose own metadata has the coordinator role.</summary>
public sealed class CoordinatorSiloFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos) =>
        silos.Where(silo => SiloMetadataKeys.Parse(metadata.GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloMetadataKeys.Roles))
            .HasFlag(SiloRoles.Coordinator));
}
