using Microsoft.Extensions.Logging;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Queue.InProcess;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Slots;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>Coordinator and N worker slots in one process over the in-process transport: the code path
/// of cluster mode with the broker replaced by two channels. Checkpoints go to
/// <c>&lt;store dir&gt;/checkpoints/&lt;job id&gt;/</c>.</summary>
public sealed class EmbeddedEngine : IAsyncDisposable
{
    private readonly InProcessTransport _transport = new();
    private readonly CancellationTokenSource _workersStopping = new();
    private readonly Task _workers;

    /// <summary>Workers start at once (idle until a job comes); the coordinator waits for <see cref="StartAsync"/>.</summary>
    public EmbeddedEngine(SweepStore store, int slots, ExecutorRegistry executors, CoordinatorOptions options, ILogger? logger = null)
    {
        Coordinator = new SweepCoordinator(store, _transport, options, logger);
        var checkpoints = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.Path))!, "checkpoints");
        var pool = new WorkerPool(_transport, executors, WorkerOptions.Local(slots, checkpoints) with { WeightsRoot = KeptWeights.RootOf(store.Path) });
        _workers = pool.RunAsync(_workersStopping.Token);
    }

    public SweepCoordinator Coordinator { get; }
    public SweepStore Store => Coordinator.Store;

    /// <returns>How many jobs interrupted by an earlier owner of the store were re-queued.</returns>
    public Task<int> StartAsync() => Coordinator.StartAsync();

    /// <summary>An engine with the default options for <paramref name="slots"/>, started.</summary>
    /// <returns>The engine and how many interrupted jobs of an earlier run it re-queued.</returns>
    public static async Task<(EmbeddedEngine Engine, int Recovered)> StartAsync(SweepStore store, int slots, ExecutorRegistry executors,
        RetryOptions? retry = null)
    {
        var engine = new EmbeddedEngine(store, slots, executors, CoordinatorOptions.ForSlots(slots, retry));
        return (engine, await engine.StartAsync().ConfigureAwait(false));
    }

    /// <summary>Dispatch stops first (nothing new is handed out), then the workers (running jobs are
    /// interrupted), then the transport (ending the event stream), then the coordinator, which ingests
    /// the workers' last reports — interrupted attempts go back to Pending — before it stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await Coordinator.StopDispatchingAsync().ConfigureAwait(false);
        await _workersStopping.CancelAsync().ConfigureAwait(false);
        await _workers.ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        await Coordinator.DisposeAsync().ConfigureAwait(false);
        _workersStopping.Dispose();
    }
}
