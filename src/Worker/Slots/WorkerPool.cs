using Polly;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Failures;
using Sweeps.Worker.Execution;

namespace Sweeps.Worker.Slots;

/// <summary>A worker: <see cref="WorkerOptions.Slots"/> slots, each leasing one job at a time from the
/// coordinator, running it locally through the executor registered for its model, and reporting its
/// start, progress, heartbeats and outcome in short retried calls. Stopping cancels running
/// executors, reports their attempts as interrupted and leases nothing new. After a job runs out of
/// device memory, fewer slots lease (<see cref="Concurrency"/>). Failures are not logged here: they
/// travel to the coordinator, which records them with the job.</summary>
public sealed class WorkerPool(ICoordinatorLink coordinator, ExecutorRegistry executors, WorkerOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ResiliencePipeline<bool> _progress = ReportPipelines.Progress(options.RetryDelay);
    private readonly ResiliencePipeline<bool> _outcome = ReportPipelines.Outcome(options.RetryDelay);

    /// <summary>How many slots may train at once on this pool's device.</summary>
    public DeviceConcurrency Concurrency { get; } = new(options.Slots);

    /// <summary>Runs the slots until <paramref name="stopping"/> fires.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(Enumerable.Range(0, options.Slots).Select(slot => Task.Run(() => RunSlotAsync(slot, stopping), CancellationToken.None)));

    private async Task RunSlotAsync(int slot, CancellationToken stopping)
    {
        var workerId = options.Slots == 1 ? options.WorkerId : $"{options.WorkerId}#{slot}";
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                using var place = await Concurrency.TakePlaceAsync(stopping).ConfigureAwait(false);
                IReadOnlyList<JobMessage> leased;
                try
                {
                    leased = await coordinator.LeaseAsync(workerId, options.Device, 1, stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The coordinator is unreachable for now (restarting, partitioned): ask again later.
                    await Task.Delay(options.RetryDelay, _clock, stopping).ConfigureAwait(false);
                    continue;
                }
                foreach (var message in leased)
                    await RunOneAsync(message, workerId, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The expected end of a slot on shutdown.
        }
    }

    private async Task RunOneAsync(JobMessage message, string workerId, CancellationToken stopping)
    {
        var job = message.Job;
        var receivedAt = _clock.GetUtcNow();
        if (!await ReportProgressAsync(new JobStarted(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), receivedAt)).ConfigureAwait(false))
            return;
        JobEvent outcome;
        using var training = Concurrency.Training();
        await using (var progress = new ProgressForwarder(message, workerId, ReportProgressAsync, options.HeartbeatInterval, _clock))
        {
            // Stopping asks the executor to checkpoint at its epoch's end; it is cancelled only after the grace.
            using var running = CancellationTokenSource.CreateLinkedTokenSource(progress.Superseded);
            using var grace = stopping.Register(() => running.CancelAfter(options.StopGrace));
            try
            {
                var executor = executors.Resolve(job.Model);
                var context = new JobExecutionContext(options.CheckpointDirectory(job.Id), progress, message.Attempt, workerId)
                {
                    WeightsFile = options.WeightsFile(message),
                    Draining = stopping,
                    AttemptToken = message.AttemptToken,
                };
                var executorStartedAt = _clock.GetUtcNow();
                var result = await executor.ExecuteAsync(job, context, running.Token).ConfigureAwait(false);
                outcome = new JobSucceeded(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), result,
                    new AttemptTiming(receivedAt, executorStartedAt, _clock.GetUtcNow()));
            }
            catch (OperationCanceledException) when (progress.Superseded.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                // Cancelled, or handed to another worker: nobody waits for this attempt's outcome.
                return;
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
                // The coordinator's own stops (a cancel, a move) end above without a report; this one is the worker's.
                var error = kind switch
                {
                    FailureKind.Interrupted => "the worker stopped",
                    FailureKind.OutOfMemory => OutOfMemoryError(e),
                    _ => $"{e.GetType().Name}: {e.Message}",
                };
                outcome = new JobFailed(job.Id, message.AttemptToken, workerId, _clock.GetUtcNow(), kind, error);
            }
        }
        // Until acknowledged, even while stopping: an interrupted attempt must still be told.
        await _outcome.ExecuteAsync(async ct => await coordinator.ReportAsync(outcome, ct).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
    }

    private string OutOfMemoryError(Exception e)
    {
        var (sharing, allowed) = Concurrency.OnOutOfMemory();
        return $"out of memory with {sharing} job(s) on the device ({e.Message}); this worker now runs at most {allowed} there";
    }

    /// <returns>False only when the coordinator said the attempt is no longer current; a report that
    /// could not be delivered counts as current (the outcome report will settle it).</returns>
    private async Task<bool> ReportProgressAsync(JobEvent report)
    {
        try
        {
            return await _progress.ExecuteAsync(async ct => await coordinator.ReportAsync(report, ct).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return true;
        }
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
