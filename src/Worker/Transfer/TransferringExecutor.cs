using Polly;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Jobs;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Slots;

namespace Sweeps.Worker.Transfer;

/// <summary>An executor on a worker that shares no disk with its coordinator. Around the executor it
/// wraps: the coordinator's checkpoint of the job is downloaded first when it is later than the local
/// one; datasets the worker lacks are fetched (<see cref="DatasetFetcher"/>); each new checkpoint is sent
/// to the coordinator (<see cref="CheckpointUploader"/>); kept weights are handed over before the
/// result is returned, so the success report finds them at the coordinator.</summary>
public sealed class TransferringExecutor(IJobExecutor inner, ICoordinatorFiles coordinator, IDatasetSource datasets, TransferOptions options) : IJobExecutor
{
    private readonly ResiliencePipeline<bool> _retry = ReportPipelines.Progress(options.RetryDelay);

    public async Task<RunResult> ExecuteAsync(JobSpec job, JobExecutionContext context, CancellationToken cancellationToken)
    {
        await CheckpointDownload.IfNewerAsync(coordinator, job.Id, context.CheckpointDirectory, options, cancellationToken).ConfigureAwait(false);
        var uploader = new CheckpointUploader(coordinator, job.Id, context.AttemptToken, context.CheckpointDirectory, context.Progress, options);
        RunResult result;
        try
        {
            result = await inner.ExecuteAsync(job, context with { Progress = uploader, Datasets = datasets }, cancellationToken).ConfigureAwait(false);
        }
        catch (UnreadableCheckpointException)
        {
            // The worker deletes its copy; the coordinator's (perhaps the same bytes) must not come back.
            await uploader.AbandonAsync().ConfigureAwait(false);
            try { await coordinator.DiscardCheckpointAsync(job.Id, context.AttemptToken, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception) { /* unreachable: the next attempt may download it once more and fail the same way */ }
            throw;
        }
        catch (OperationCanceledException) when (context.Draining.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Drained: the executor checkpointed the epoch it finished, after its last report.
            await uploader.FinishAsync(drained: true).ConfigureAwait(false);
            throw;
        }
        catch
        {
            await uploader.FinishAsync(drained: false).ConfigureAwait(false);
            throw;
        }
        await uploader.AbandonAsync().ConfigureAwait(false);
        if (context.WeightsFile is { } weights && File.Exists(weights)) await HandOverWeightsAsync(job, context.AttemptToken, weights, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Retried a few times; the local file is deleted once the coordinator has it.</summary>
    /// <exception cref="TransientJobFailure">The coordinator did not take it: the job runs again
    /// (from its last checkpoint) and hands them over then.</exception>
    private async Task HandOverWeightsAsync(JobSpec job, string attemptToken, string path, CancellationToken cancellationToken)
    {
        var upload = new Upload(job.Id, attemptToken, UploadKind.Weights, 0);
        var file = Chunks.Describe(path);
        string? refusal;
        try
        {
            refusal = await SendWeightsAsync(upload, path, file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TransientJobFailure($"the kept weights could not be handed to the coordinator ({e.GetType().Name}: {e.Message})", e);
        }
        if (refusal is not null) throw new TransientJobFailure($"the coordinator did not take the kept weights: {refusal}");
        File.Delete(path);
    }

    private async Task<string?> SendWeightsAsync(Upload upload, string path, FileEntry file, CancellationToken cancellationToken)
    {
        string? refusal = null;
        await _retry.ExecuteAsync(async ct =>
        {
            refusal = await SendWeightsOnceAsync(upload, path, file, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return refusal;
    }

    /// <returns>Null once stored; otherwise why not.</returns>
    private async Task<string?> SendWeightsOnceAsync(Upload upload, string path, FileEntry file, CancellationToken cancellationToken)
    {
        if (!await coordinator.BeginUploadAsync(upload, cancellationToken).ConfigureAwait(false))
            return "the attempt is no longer the job's current one";
        var taken = await Chunks.UploadAsync(path, options.ChunkBytes,
            (offset, data, ct) => coordinator.WriteUploadAsync(upload, file.Name, offset, data, ct), cancellationToken).ConfigureAwait(false);
        return taken
            ? await coordinator.CommitUploadAsync(upload, [file], cancellationToken).ConfigureAwait(false)
            : "a chunk was not taken (the attempt superseded, or the upload restarted)";
    }
}
