using Microsoft.Extensions.Logging;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Queue;
using Sweeps.Coordinator.Live;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Dispatch;

/// <summary>Applies worker events to the store, then hands each attempt's outcome to the dispatcher.
/// Storing first means an outcome the dispatcher acts on is already durable.</summary>
public sealed class EventIngestor(SweepStore store, AttemptWaiters waiters, LiveBoard board, ILogger logger)
{
    private static readonly TimeSpan HeartbeatPersistInterval = TimeSpan.FromSeconds(10);
    private long _staleEvents;

    /// <summary>Events ignored because they answered a superseded attempt.</summary>
    public long StaleEvents => Interlocked.Read(ref _staleEvents);

    public async Task RunAsync(IJobEventStream events, CancellationToken cancellationToken)
    {
        await foreach (var jobEvent in events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await IngestAsync(jobEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The attempt stays open; it is abandoned so the job is dispatched again rather than hang.
                logger.LogError(e, "could not ingest {Event} for job {JobId}", jobEvent.GetType().Name, jobEvent.JobId);
                waiters.Complete(jobEvent.JobId, jobEvent.AttemptToken, new AttemptOutcome.Failed(FailureKind.Transient, "result could not be stored: " + e.Message));
            }
        }
    }

    public async Task IngestAsync(JobEvent jobEvent, CancellationToken cancellationToken)
    {
        switch (jobEvent)
        {
            case JobStarted started:
                if (Count(await store.ApplyStartedAsync(started, cancellationToken).ConfigureAwait(false)))
                    board.Started(started);
                break;
            case JobProgressed progressed:
                if (board.Progressed(progressed, HeartbeatPersistInterval))
                    Count(await store.ApplyHeartbeatAsync(progressed, cancellationToken).ConfigureAwait(false));
                break;
            case JobSucceeded succeeded:
                if (Count(await store.ApplySucceededAsync(succeeded, cancellationToken).ConfigureAwait(false)))
                    Finish(succeeded, new AttemptOutcome.Succeeded());
                break;
            case JobFailed failed:
                if (Count(await store.ApplyFailedAsync(failed, cancellationToken).ConfigureAwait(false)))
                    Finish(failed, failed.Kind == FailureKind.Interrupted
                        ? new AttemptOutcome.Abandoned("interrupted: " + failed.Error)
                        : new AttemptOutcome.Failed(failed.Kind, failed.Error));
                break;
        }
    }

    private void Finish(JobEvent jobEvent, AttemptOutcome outcome)
    {
        board.Finished(jobEvent.JobId);
        waiters.Complete(jobEvent.JobId, jobEvent.AttemptToken, outcome);
    }

    /// <returns>Whether the event was accepted (duplicates and stale events are not acted on).</returns>
    private bool Count(IngestOutcome outcome)
    {
        if (outcome == IngestOutcome.Stale) Interlocked.Increment(ref _staleEvents);
        return outcome == IngestOutcome.Accepted;
    }
}
