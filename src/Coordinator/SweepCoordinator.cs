using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sweeps.Contracts.Queue;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Live;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator;

/// <summary>The coordinator: takes submissions into the store, dispatches their jobs over a transport
/// and ingests what workers report. It does not know whether the workers share its process.</summary>
public sealed class SweepCoordinator : IAsyncDisposable
{
    private readonly IQueueTransport _transport;
    private readonly Dispatcher _dispatcher;
    private readonly EventIngestor _ingestor;
    private readonly CancellationTokenSource _dispatchStopping = new();
    private readonly CancellationTokenSource _ingestStopping = new();
    private Task _dispatching = Task.CompletedTask;
    private Task _ingesting = Task.CompletedTask;

    public SweepCoordinator(SweepStore store, IQueueTransport transport, CoordinatorOptions options, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        Store = store;
        _transport = transport;
        var waiters = new AttemptWaiters();
        _dispatcher = new Dispatcher(store, transport.Jobs, waiters, options.Retry, options.MaxInFlight, options.Clock, logger);
        _ingestor = new EventIngestor(store, waiters, Board, logger);
    }

    public SweepStore Store { get; }
    public LiveBoard Board { get; } = new();

    /// <summary>Reports ignored because they came from a superseded attempt.</summary>
    public long StaleEvents => _ingestor.StaleEvents;

    /// <summary>Re-queues what a previous process left in flight, then starts dispatching and ingesting.</summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        var recovered = await Store.RecoverInterruptedAsync(cancellationToken).ConfigureAwait(false);
        var ingestStopping = _ingestStopping.Token;
        var dispatchStopping = _dispatchStopping.Token;
        _ingesting = Task.Run(() => _ingestor.RunAsync(_transport.Events, ingestStopping), CancellationToken.None);
        _dispatching = Task.Run(() => _dispatcher.RunAsync(dispatchStopping), CancellationToken.None);
        return recovered;
    }

    public async Task<SubmitOutcome> SubmitAsync(SweepSubmission submission, CancellationToken cancellationToken = default)
    {
        var outcome = await Store.SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        _dispatcher.Wake();
        return outcome;
    }

    public async Task<bool> CancelAsync(string sweepId, CancellationToken cancellationToken = default)
    {
        var cancelled = await Store.CancelSweepAsync(sweepId, cancellationToken).ConfigureAwait(false);
        if (cancelled is null) return false;
        _dispatcher.Abandon(cancelled);
        foreach (var jobId in cancelled) Board.Forget(jobId);
        return true;
    }

    /// <summary>Completes when every job of the sweep is settled (succeeded, dead-lettered or cancelled).</summary>
    public async Task WaitForSweepAsync(string sweepId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var idle = _dispatcher.WhenIdleAsync();
            var sweep = await Store.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false)
                        ?? throw new KeyNotFoundException($"no sweep '{sweepId}'");
            if (sweep.Counts.Where(c => c.Value > 0).All(c => JobStateMachine.IsSettled(c.Key))) return;
            await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops dispatching, then ingests what workers still report (their interrupted attempts)
    /// until the event stream ends or <paramref name="drainEvents"/> passes. Attempts still open stay
    /// Queued/Running in the store and the next start re-queues them, so stopping loses no job.</summary>
    public async Task StopAsync(TimeSpan? drainEvents = null)
    {
        await StopDispatchingAsync().ConfigureAwait(false);
        if (_ingestStopping.IsCancellationRequested) return;
        _ingestStopping.CancelAfter(drainEvents ?? TimeSpan.FromSeconds(2));
        await Quietly(_ingesting).ConfigureAwait(false);
    }

    /// <summary>Dispatches nothing more; ingestion goes on, so workers can still report.</summary>
    public async Task StopDispatchingAsync()
    {
        if (_dispatchStopping.IsCancellationRequested) return;
        await _dispatchStopping.CancelAsync().ConfigureAwait(false);
        await Quietly(_dispatching).ConfigureAwait(false);
        await _dispatcher.DrainAsync().ConfigureAwait(false);
    }

    private static async Task Quietly(Task loop)
    {
        try { await loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { /* the expected way for a loop to end */ }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _dispatchStopping.Dispose();
        _ingestStopping.Dispose();
    }
}
