using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Queue;
using Sweeps.Worker.Execution;

namespace Sweeps.Worker.Slots;

/// <summary>A worker: <see cref="WorkerOptions.Slots"/> consumers of the job queue, each running one
/// job at a time through the executor registered for its model and reporting every step as an event.
/// Stopping cancels running executors, reports their attempts as interrupted and takes nothing new.
/// Failures are not logged here: they travel to the coordinator, which records them with the job.</summary>
public sealed class WorkerPool(IQueueTransport transport, ExecutorRegistry executors, WorkerOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Runs the slots until <paramref name="stopping"/> fires or the queue completes.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(Enumerable.Range(0, options.Slots).Select(slot => Task.Run(() => RunSlotAsync(slot, stopping), CancellationToken.None)));

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
        await events.PublishAsync(new JobStarted(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), receivedAt), unstoppable).ConfigureAwait(false);
        JobEvent outcome;
        await using (var progress = new ProgressForwarder(message, workerId, events, options.HeartbeatInterval, _clock))
        {
            try
            {
                var executor = executors.Resolve(job.Model);
                var context = new JobExecutionContext(options.CheckpointDirectory(job.Id), progress, message.Attempt, workerId);
                var executorStartedAt = _clock.GetUtcNow();
                var result = await executor.ExecuteAsync(job, context, stopping).ConfigureAwait(false);
                outcome = new JobSucceeded(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), result,
                    new AttemptTiming(receivedAt, executorStartedAt, _clock.GetUtcNow()));
            }
            catch (Exception e)
            {
                outcome = new JobFailed(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(),
                    FailureClassifier.Classify(e, stopping), $"{e.GetType().Name}: {e.Message}");
            }
        }
        await events.PublishAsync(outcome, unstoppable).ConfigureAwait(false);
        await delivery.AcknowledgeAsync().ConfigureAwait(false);
    }
}
