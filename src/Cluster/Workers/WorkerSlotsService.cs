using Orleans.Runtime;
using Sweeps.Worker.Slots;

namespace Sweeps.Cluster.Workers;

/// <summary>Runs a worker silo's slots (a pool per device) while the silo is active. They stop before
/// the silo's runtime does, so the attempts they interrupt are still reported.</summary>
public sealed class WorkerSlotsService(IReadOnlyList<WorkerPool> pools) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkerSlotsService), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(pools.Select(pool => Task.Run(() => pool.RunAsync(_stopping.Token), CancellationToken.None)));
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
    }
}
