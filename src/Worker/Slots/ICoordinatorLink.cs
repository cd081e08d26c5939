using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Worker.Slots;

/// <summary>How a worker reaches its coordinator: short calls only. The host decides what carries
/// them (grain calls in a cluster, the same grains inside one process).</summary>
public interface ICoordinatorLink
{
    /// <summary>Up to <paramref name="max"/> attempts for <paramref name="workerId"/>, of jobs that run on
    /// <paramref name="device"/>; may return none after waiting a few seconds, and the worker asks again.</summary>
    Task<IReadOnlyList<JobMessage>> LeaseAsync(string workerId, DeviceKind device, int max, CancellationToken cancellationToken);

    /// <summary>Reports on a leased attempt; returns once the coordinator has stored it.</summary>
    /// <returns>Whether the attempt is still current; false: drop it (cancelled or handed elsewhere).</returns>
    Task<bool> ReportAsync(JobEvent report, CancellationToken cancellationToken);
}
