using Orleans.Placement;

namespace Sweeps.Cluster.Placement;

/// <summary>Activates a grain only on a silo whose metadata gives it the coordinator role. The
/// built-in metadata filters compare candidates with the calling silo, so a call from a worker would
/// place the grain on workers; this one reads each candidate's own role.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CoordinatorSiloPlacementAttribute() : PlacementFilterAttribute(new CoordinatorSiloFilter());

/// <summary>The filter strategy behind <see cref="CoordinatorSiloPlacementAttribute"/>; it has no
/// parameters, so nothing beyond its order travels in grain properties.</summary>
public sealed class CoordinatorSiloFilter() : PlacementFilterStrategy(order: 0);
