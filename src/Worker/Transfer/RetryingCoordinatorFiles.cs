using Polly;
using Polly.Retry;

namespace Sweeps.Worker.Transfer;

/// <summary>Retries the coordinator's read calls (datasets, checkpoints) through a coordinator restart
/// or a lost connection, as reports are retried: each read is idempotent, so asking again is safe.
/// Uploads are not retried call by call: a chunk sent twice would be refused as out of order, and a
/// failed upload is started afresh with the next checkpoint.</summary>
public sealed class RetryingCoordinatorFiles(ICoordinatorFiles inner, TimeSpan firstDelay) : ICoordinatorFiles
{
    // About half a minute in all: longer than a coordinator takes to restart.
    private readonly ResiliencePipeline _reads = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (OperationCanceledException or TransferRefusedException)),
            MaxRetryAttempts = 8,
            BackoffType = DelayBackoffType.Exponential,
            Delay = firstDelay,
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
        })
        .Build();

    public Task<FileChunk> ReadDatasetAsync(string name, string sha256, long offset, int length, CancellationToken cancellationToken) =>
        _reads.ExecuteAsync(async ct => await inner.ReadDatasetAsync(name, sha256, offset, length, ct).ConfigureAwait(false), cancellationToken).AsTask();

    public Task<StoredCheckpoint?> DescribeCheckpointAsync(string jobId, CancellationToken cancellationToken) =>
        _reads.ExecuteAsync(async ct => await inner.DescribeCheckpointAsync(jobId, ct).ConfigureAwait(false), cancellationToken).AsTask();

    public Task<FileChunk> ReadCheckpointAsync(string jobId, string file, long offset, int length, CancellationToken cancellationToken) =>
        _reads.ExecuteAsync(async ct => await inner.ReadCheckpointAsync(jobId, file, offset, length, ct).ConfigureAwait(false), cancellationToken).AsTask();

    public Task<bool> BeginUploadAsync(Upload upload, CancellationToken cancellationToken) => inner.BeginUploadAsync(upload, cancellationToken);

    public Task<bool> WriteUploadAsync(Upload upload, string file, long offset, byte[] data, CancellationToken cancellationToken) =>
        inner.WriteUploadAsync(upload, file, offset, data, cancellationToken);

    public Task<string?> CommitUploadAsync(Upload upload, IReadOnlyList<FileEntry> files, CancellationToken cancellationToken) =>
        inner.CommitUploadAsync(upload, files, cancellationToken);

    public Task DiscardCheckpointAsync(string jobId, string attemptToken, CancellationToken cancellationToken) =>
        inner.DiscardCheckpointAsync(jobId, attemptToken, cancellationToken);
}
