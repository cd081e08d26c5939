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
    private readonly CoordinatorOptions _options;
    private readonly ILogger _logger;
    private readonly Dispatcher _dispatcher;
    private readonly EventIngestor _ingestor;
    private static readonly TimeSpan SettledCheckInterval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _dispatchStopping = new();
    private readonly CancellationTokenSource _ingestStopping = new();
    private Task _dispatching = Task.CompletedTask;
    private Task _ingesting = Task.CompletedTask;

    public SweepCoordinator(SweepStore store, IQueueTransport transport, CoordinatorOptions options, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        Store = store;
        (_transport, _options, _logger) = (transport, options, logger);
        var waiters = new AttemptWaiters();
        _dispatcher = new Dispatcher(store, transport, waiters, options.Retry, options.MaxInFlight, options.Clock, logger);
        _ingestor = new EventIngestor(store, waiters, Board, logger);
    }

    public SweepStore Store { get; }
    public LiveBoard Board { get; } = new();

    /// <summary>Reports ignored because they came from a superseded attempt.</summary>
    public long StaleEvents => _ingestor.StaleEvents;

    /// <summary>Re-queues what a previous owner of the store left in flight, then starts dispatching and ingesting.</summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        var recovered = await Store.RecoverInterruptedAsync(cancellationToken).ConfigureAwait(false);
        if (recovered > 0) _logger.LogInformation("re-queued {Count} job(s) interrupted by an earlier owner of the store", recovered);
        var ingestStopping = _ingestStopping.Token;
        var dispatchStopping = _dispatchStopping.Token;
        _ingesting = Task.Run(() => _ingestor.RunAsync(_transport.Events, ingestStopping), CancellationToken.None);
        _dispatching = Task.Run(() => _dispatcher.RunAsync(dispatchStopping), CancellationToken.None);
        return recovered;
    }

    /// <summary>Checks the submission (name, job count) before anything is written, then stores it.</summary>
    /// <exception cref="SweepRejectedException">Invalid name, too many jobs, or the name taken by another file.</exception>
    public async Task<SubmitOutcome> SubmitAsync(SweepSubmission submission, CancellationToken cancellationToken = default)
    {
        SweepNames.Validate(submission.Name);
        var count = submission.JobCount ?? submission.Jobs.LongCount();
        if (count > _options.MaxSubmissionJobs)
            throw new SweepTooLargeException(submission.Name, count, _options.MaxSubmissionJobs);
        SubmitOutcome outcome;
        try
        {
            outcome = await Store.SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        }
        catch (SweepRejectedException e)
        {
            _logger.LogWarning("submission of sweep {SweepId} refused: {Reason}", submission.Name, e.Message);
            throw;
        }
        _logger.LogInformation("sweep {SweepId} submitted: {Total} jobs, {Added} new, {AlreadySucceeded} already finished, {Outstanding} to run{Replaced}",
            outcome.SweepId, outcome.Total, outcome.Added, outcome.AlreadySucceeded, outcome.Outstanding,
            outcome.ReplacedRevision is { } revision ? $", replacing its file (kept as revision {revision})" : "");
        _dispatcher.Wake();
        return outcome;
    }

    /// <summary>Cancels a sweep and stops its queued and running jobs (those no other active sweep needs).</summary>
    /// <returns>What was done, or null when there is no such sweep.</returns>
    public async Task<SweepCancellation?> CancelAsync(string sweepId, CancellationToken cancellationToken = default)
    {
        var cancellation = await Store.CancelSweepAsync(sweepId, cancellationToken).ConfigureAwait(false);
        if (cancellation is null) return null;
        await _dispatcher.StopAsync(cancellation.Cancelled, $"sweep '{sweepId}' cancelled").ConfigureAwait(false);
        foreach (var jobId in cancellation.Cancelled) Board.Forget(jobId);
        _logger.LogInformation("sweep {SweepId} cancelled: {Cancelled} job(s) cancelled, {Stopped} of them stopped while queued or running, {Kept} kept for other sweeps",
            sweepId, cancellation.Cancelled.Count, cancellation.Stopped.Count, cancellation.Kept.Count);
        return cancellation;
    }

    /// <summary>Completes when every job of the sweep is settled (succeeded, dead-lettered or cancelled).
    /// Checked whenever the dispatcher goes idle, and every second besides: jobs of other sweeps can
    /// keep it busy long after this one is done.</summary>
    public async Task WaitForSweepAsync(string sweepId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var idle = _dispatcher.WhenIdleAsync();
            var sweep = await Store.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false)
                        ?? throw new KeyNotFoundException($"no sweep '{sweepId}'");
            if (sweep.Counts.Where(c => c.Value > 0).All(c => JobStateMachine.IsSettled(c.Key))) return;
            await Task.WhenAny(idle, Task.Delay(SettledCheckInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Stops dispatching, then ingests what workers still report (their interrupted attempts)
    /// until the event stream ends or <paramref name="drainEvents"/> passes; attempts still open then
    /// go back to Pending, recorded as interrupted, so stopping loses no job.</summary>
    public async Task StopAsync(TimeSpan? drainEvents = null)
    {
        await StopDispatchingAsync().ConfigureAwait(false);
        if (_ingestStopping.IsCancellationRequested) return;
        _ingestStopping.CancelAfter(drainEvents ?? TimeSpan.FromSeconds(2));
        await Quietly(_ingesting).ConfigureAwait(false);
        var released = await Store.ReleaseOwnAttemptsAsync("the process running it stopped", CancellationToken.None).ConfigureAwait(false);
        if (released > 0) _logger.LogInformation("{Count} job(s) left in flight were put back to pending", released);
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
