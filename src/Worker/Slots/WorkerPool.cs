using Sweeps.Contracts.Queue;
using Sweeps.Worker.Execution;

namespace Sweeps.Worker.Slots;

/// <summary>A worker: <see cref="WorkerOptions.Slots"/> consumers of the job queue, each running one
/// job at a time through the executor registered for its model and reporting every step as an event.
/// Stopping cancels running executors, reports their attempts as interrupted and takes nothing new;
/// a stop request from the coordinator does the same for one attempt.
/// Failures are not logged here: they travel to the coordinator, which records them with the job.</summary>
public sealed class WorkerPool(IQueueTransport transport, ExecutorRegistry executors, WorkerOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly AttemptStops _attempts = new();

    /// <summary>Runs the slots until <paramref name="stopping"/> fires or the queue completes.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var followingStops = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var stops = Task.Run(() => _attempts.FollowAsync(transport.StopRequests, followingStops.Token), CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, options.Slots).Select(slot => Task.Run(() => RunSlotAsync(slot, stopping), CancellationToken.None))).ConfigureAwait(false);
        await followingStops.CancelAsync().ConfigureAwait(false);
        await stops.ConfigureAwait(false);
    }

    private async Task RunSlotAsync(int slot, CancellationToken stopping)
    {
        var workerId = options.Slots == 1 ? options.WorkerId : $"{options.WorkerId}#{slot}";
        try
        {
            await foreach (var delivery in transport.Jobs.ConsumeAsync(stopping).ConfigureAwait(false))
                await RunOneAsync(delivery, workerId, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The expected end of a slot on shutdown.
        }
    }

    private async Task RunOneAsync(JobDelivery delivery, string workerId, CancellationToken stopping)
    {
        var message = delivery.Message;
        var job = message.Job;
        var receivedAt = _clock.GetUtcNow();
        var events = transport.Events;
        // Reports go out even while stopping: an interrupted attempt must still be told to the coordinator.
        var unstoppable = CancellationToken.None;
        var attempt = _attempts.Begin(message, stopping);
        if (attempt is null)
        {
            await events.PublishAsync(new JobFailed(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), FailureKind.Interrupted,
                "stopped by the coordinator before it started"), unstoppable).ConfigureAwait(false);
            await delivery.AcknowledgeAsync().ConfigureAwait(false);
            return;
        }
        try
        {
            await RunAttemptAsync(delivery, workerId, receivedAt, attempt.Token, stopping).ConfigureAwait(false);
        }
        finally
        {
            _attempts.End(message);
        }
    }

    private async Task RunAttemptAsync(JobDelivery delivery, string workerId, DateTimeOffset receivedAt, CancellationToken stopping, CancellationToken workerStopping)
    {
        var message = delivery.Message;
        var job = message.Job;
        var events = transport.Events;
        var unstoppable = CancellationToken.None;
        await events.PublishAsync(new JobStarted(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), receivedAt), unstoppable).ConfigureAwait(false);
        JobEvent outcome;
        await using (var progress = new ProgressForwarder(message, workerId, events, options.HeartbeatInterval, _clock))
        {
            try
            {
                var executor = executors.Resolve(job.Model);
                var context = new JobExecutionContext(options.CheckpointDirectory(job.Id), progress, message.Attempt, workerId)
                {
                    WeightsFile = options.WeightsFile(message),
                };
                var executorStartedAt = _clock.GetUtcNow();
                var result = await executor.ExecuteAsync(job, context, stopping).ConfigureAwait(false);
                outcome = new JobSucceeded(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), result,
                    new AttemptTiming(receivedAt, executorStartedAt, _clock.GetUtcNow()));
            }
            catch (UnreadableCheckpointException e)
            {
                // A damaged checkpoint would fail every attempt the same way; without it the job starts over.
                var restarted = DeleteCheckpoint(job.Id);
                outcome = new JobFailed(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), FailureKind.Transient,
                    $"{e.Message}; {(restarted ? "deleted it, so the next attempt starts from scratch" : "could not delete it")}");
            }
            catch (Exception e)
            {
                var kind = FailureClassifier.Classify(e, stopping);
                var error = kind != FailureKind.Interrupted ? $"{e.GetType().Name}: {e.Message}"
                    : workerStopping.IsCancellationRequested ? "the worker stopped" : "stopped at the coordinator's request";
                outcome = new JobFailed(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), kind, error);
            }
        }
        await events.PublishAsync(outcome, unstoppable).ConfigureAwait(false);
        await delivery.AcknowledgeAsync().ConfigureAwait(false);
    }

    private bool DeleteCheckpoint(string jobId)
    {
        try
        {
            Directory.Delete(options.CheckpointDirectory(jobId), recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
