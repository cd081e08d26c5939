using Orleans.Runtime;
using Sweeps.Coordinator;

namespace Sweeps.Cluster.Coordination;

/// <summary>Starts the coordinator before the silo takes calls and stops it after the worker slots,
/// so their last reports still reach it.</summary>
public sealed class CoordinatorService(SweepCoordinator coordinator) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Attempts of an earlier run put back to Pending or adopted at start.</summary>
    public Task<int> Started => _started.Task;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CoordinatorService), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken) =>
        _started.TrySetResult(await coordinator.StartAsync(cancellationToken).ConfigureAwait(false));

    private Task StopAsync(CancellationToken cancellationToken) => coordinator.StopAsync();
}
