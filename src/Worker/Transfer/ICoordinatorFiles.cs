namespace Sweeps.Worker.Transfer;

/// <summary>The coordinator's files as a worker on another machine reaches them: datasets by content
/// hash, each job's newest checkpoint, and uploads of checkpoints and kept weights. One short call per
/// chunk (<see cref="TransferOptions.ChunkBytes"/>), so no message is large and no call is long.</summary>
public interface ICoordinatorFiles
{
    /// <summary>Up to <paramref name="length"/> bytes from <paramref name="offset"/> of the file in the
    /// coordinator's data root named <paramref name="name"/> whose content hash is <paramref name="sha256"/>.</summary>
    Task<FileChunk> ReadDatasetAsync(string name, string sha256, long offset, int length, CancellationToken cancellationToken);

    /// <returns>The checkpoint the coordinator holds for the job, or null.</returns>
    Task<StoredCheckpoint?> DescribeCheckpointAsync(string jobId, CancellationToken cancellationToken);

    Task<FileChunk> ReadCheckpointAsync(string jobId, string file, long offset, int length, CancellationToken cancellationToken);

    /// <summary>Starts an upload afresh (anything staged before for the same job and kind is dropped).</summary>
    /// <returns>False when the attempt is no longer the job's current one.</returns>
    Task<bool> BeginUploadAsync(Upload upload, CancellationToken cancellationToken);

    /// <returns>False when the chunk was not taken (not the next one, too large, attempt superseded).</returns>
    Task<bool> WriteUploadAsync(Upload upload, string file, long offset, byte[] data, CancellationToken cancellationToken);

    /// <summary>Checks every staged file against <paramref name="files"/> and stores them as a whole.</summary>
    /// <returns>Null when stored; otherwise why not (nothing stored changed).</returns>
    Task<string?> CommitUploadAsync(Upload upload, IReadOnlyList<FileEntry> files, CancellationToken cancellationToken);

    /// <summary>Drops the job's stored checkpoint (it could not be read), when the attempt is current.</summary>
    Task DiscardCheckpointAsync(string jobId, string attemptToken, CancellationToken cancellationToken);
}
