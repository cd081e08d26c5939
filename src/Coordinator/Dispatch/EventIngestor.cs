using Microsoft.Extensions.Logging;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Coordinator.Live;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Dispatch;

/// <summary>Applies worker reports to the store, then hands each attempt's outcome to the dispatcher.
/// Storing first means an outcome the dispatcher acts on is already durable.</summary>
public sealed class EventIngestor(SweepStore store, AttemptWaiters waiters, LiveBoard board, int workerLossLimit, ILogger logger)
{
    private static readonly TimeSpan HeartbeatPersistInterval = TimeSpan.FromSeconds(10);
    private long _staleEvents;

    /// <summary>Events ignored because they answered a superseded attempt.</summary>
    public long StaleEvents => Interlocked.Read(ref _staleEvents);

    /// <summary>Stores one report; when this returns, an outcome is durable (the worker may stop resending it).</summary>
    public async Task<IngestOutcome> IngestAsync(JobEvent jobEvent, CancellationToken cancellationToken)
    {
        IngestOutcome outcome;
        switch (jobEvent)
        {
            case JobStarted started:
                if (Count(outcome = await store.ApplyStartedAsync(started, cancellationToken).ConfigureAwait(false)))
                {
                    board.Started(started);
                    logger.LogInformation("job {JobId} running on {WorkerId}", started.JobId, started.WorkerId);
                }
                return outcome;
            case JobProgressed progressed:
                // Only every so often to the store: the live board has every report.
                return board.Progressed(progressed, HeartbeatPersistInterval)
                    ? Counted(await store.ApplyHeartbeatAsync(progressed, cancellationToken).ConfigureAwait(false))
                    : IngestOutcome.Accepted;
            case JobSucceeded succeeded:
                if (Count(outcome = await store.ApplySucceededAsync(succeeded, cancellationToken).ConfigureAwait(false)))
                {
                    Finish(succeeded, new AttemptOutcome.Succeeded());
                    logger.LogInformation("job {JobId} succeeded on {WorkerId}: epoch {Epoch} selected", succeeded.JobId, succeeded.WorkerId, succeeded.Result.SelectedEpoch);
                }
                return outcome;
            case JobFailed { Kind: FailureKind.WorkerLost } lost:
                return await IngestWorkerLostAsync(lost, cancellationToken).ConfigureAwait(false);
            case JobFailed failed:
                if (Count(outcome = await store.ApplyFailedAsync(failed, cancellationToken).ConfigureAwait(false)))
                {
                    if (failed.Kind == FailureKind.Interrupted)
                        logger.LogInformation("job {JobId} interrupted on {WorkerId}: {Error}", failed.JobId, failed.WorkerId, failed.Error);
                    else
                        logger.LogWarning("job {JobId} failed on {WorkerId} ({Kind}): {Error}", failed.JobId, failed.WorkerId, failed.Kind, failed.Error);
                    Finish(failed, failed.Kind == FailureKind.Interrupted
                        ? new AttemptOutcome.Abandoned("interrupted: " + failed.Error)
                        : new AttemptOutcome.Failed(failed.Kind, failed.Error));
                }
                return outcome;
            default:
                // A heartbeat renews the lease only; the store keeps the last progress.
                return IngestOutcome.Accepted;
        }
    }

    private async Task<IngestOutcome> IngestWorkerLostAsync(JobFailed lost, CancellationToken cancellationToken)
    {
        var losses = await store.CountWorkerLossesAsync(lost.JobId, cancellationToken).ConfigureAwait(false) + 1;
        var givenUp = losses >= workerLossLimit
            ? $"{lost.Error}; its worker was lost {losses} times while running it, so it is not tried again (a job that crashes its worker would take down every worker in turn): see its attempts with sweeps logs, then sweeps retry"
            : null;
        var outcome = await store.ApplyWorkerLostAsync(lost, givenUp, cancellationToken).ConfigureAwait(false);
        if (!Count(outcome)) return outcome;
        if (givenUp is null)
        {
            logger.LogWarning("job {JobId} lost with its worker {WorkerId} ({Losses} of {Limit}): {Error}", lost.JobId, lost.WorkerId, losses, workerLossLimit, lost.Error);
            Finish(lost, new AttemptOutcome.Abandoned("worker lost: " + lost.Error));
        }
        else
        {
            logger.LogError("job {JobId} given up: {Reason}", lost.JobId, givenUp);
            Finish(lost, new AttemptOutcome.Failed(FailureKind.WorkerLost, givenUp));
        }
        return outcome;
    }

    private IngestOutcome Counted(IngestOutcome outcome)
    {
        Count(outcome);
        return outcome;
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
