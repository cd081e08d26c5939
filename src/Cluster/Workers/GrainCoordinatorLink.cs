using Sweeps.Cluster.Grains;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;
using Sweeps.Worker.Slots;

namespace Sweeps.Cluster.Workers;

/// <summary>A worker's link to the coordinator through the coordinator grain, wherever it is placed.</summary>
/// <param name="holder">This silo's address, which the coordinator matches against membership.</param>
public sealed class GrainCoordinatorLink(IGrainFactory grains, string holder) : ICoordinatorLink
{
    private ICoordinatorGrain Coordinator => grains.GetGrain<ICoordinatorGrain>(ICoordinatorGrain.Key);

    public async Task<IReadOnlyList<JobMessage>> LeaseAsync(string workerId, DeviceKind device, int max, CancellationToken cancellationToken)
    {
        var leased = await Coordinator.Lease(holder, workerId, device.Name(), max).WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. leased.Select(WireFormat.FromWire)];
    }

    public Task<bool> ReportAsync(JobEvent report, CancellationToken cancellationToken) =>
        Coordinator.Report(holder, WireFormat.ToWire(report)).WaitAsync(cancellationToken);
}
