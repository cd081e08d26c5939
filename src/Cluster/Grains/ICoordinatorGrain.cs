namespace Sweeps.Cluster.Grains;

/// <summary>The coordinator as workers call it: one activation, on the coordinator silo. Every call is
/// short (a lease waits a few seconds at most), far inside the grain call timeout.</summary>
public interface ICoordinatorGrain : IGrainWithIntegerKey
{
    /// <param name="holder">The calling worker's silo, so its leases are reclaimed if it dies.</param>
    /// <param name="device">The kind of device the calling slots train on (any, cpu, cuda).</param>
    Task<LeasedAttempt[]> Lease(string holder, string workerId, string device, int max);

    /// <returns>Whether the attempt is still current (false: the worker drops it).</returns>
    Task<bool> Report(string holder, WireReport report);

    /// <summary>Every silo membership knows, with its roles, devices, slots and the jobs it holds.</summary>
    Task<SiloReport[]> DescribeCluster();

    /// <summary>The one coordinator grain of a cluster.</summary>
    const long Key = 0;
}
