using Sweeps.Contracts.Jobs;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Transfer;

/// <summary>What cluster workers hand to the coordinator, kept where one process's worker would have
/// written it: checkpoints in <see cref="StoreFolders.Checkpoints"/> (with a
/// <see cref="CheckpointMarker"/>), kept weights in <see cref="KeptWeights.RootOf"/>. An upload is staged
/// in <see cref="StoreFolders.Incoming"/>, checked file by file against the worker's list, and replaces
/// what is stored as a whole; every step is refused unless its attempt is the job's current one, so a
/// superseded attempt overwrites nothing.</summary>
public sealed class StoredUploads
{
    private readonly string _checkpoints;
    private readonly string _weights;
    private readonly string _incoming;
    private readonly Func<string, string, bool> _isCurrent;
    private readonly Lock _storing = new();

    /// <param name="isCurrent">Whether (job id, attempt token) is the job's current attempt.</param>
    public StoredUploads(string storePath, Func<string, string, bool> isCurrent)
    {
        (_checkpoints, _weights, _incoming, _isCurrent) =
            (StoreFolders.Checkpoints(storePath), KeptWeights.RootOf(storePath), StoreFolders.Incoming(storePath), isCurrent);
        // Uploads cut short when an earlier coordinator stopped; their workers send new ones.
        if (Directory.Exists(_incoming)) Directory.Delete(_incoming, recursive: true);
    }

    /// <returns>The job's stored checkpoint, when every file its marker lists is there.</returns>
    public StoredCheckpoint? Describe(string jobId)
    {
        if (!TransferNames.IsPlain(jobId)) return null;
        var directory = Path.Combine(_checkpoints, jobId);
        if (CheckpointMarker.Read(directory) is not { } marker) return null;
        var whole = marker.Files.All(f => TransferNames.IsPlain(f.Name) && new FileInfo(Path.Combine(directory, f.Name)) is { Exists: true } info && info.Length == f.Length);
        return whole ? new StoredCheckpoint(marker.Epoch, marker.Files) : null;
    }

    /// <summary>A chunk of a file the job's stored checkpoint lists; nothing else is served.</summary>
    public Task<FileChunk> ReadCheckpointAsync(string jobId, string file, long offset, int length)
    {
        if (offset < 0 || length <= 0 || Describe(jobId) is not { } stored || !stored.Files.Any(f => f.Name == file))
            return Task.FromResult(FileChunk.Refused($"the coordinator's checkpoint of job {jobId} has no file '{file}' (it was replaced or dropped)"));
        return FileReads.ChunkAsync(Path.Combine(_checkpoints, jobId, file), offset, length);
    }

    public bool Begin(Upload upload)
    {
        if (!IsWellFormed(upload) || !_isCurrent(upload.JobId, upload.AttemptToken)) return false;
        Directory.CreateDirectory(_incoming);
        foreach (var earlier in Directory.EnumerateDirectories(_incoming, $"{upload.JobId}.*.{upload.Kind}"))
            Directory.Delete(earlier, recursive: true);
        Directory.CreateDirectory(Staging(upload));
        return true;
    }

    /// <summary>Appends a chunk; it must start where the staged file ends, so a lost or repeated chunk
    /// is noticed at once.</summary>
    public async Task<bool> WriteAsync(Upload upload, string file, long offset, byte[] data)
    {
        if (!IsWellFormed(upload) || !TransferNames.IsPlain(file) || data.Length > TransferOptions.MaxChunkBytes) return false;
        var staging = Staging(upload);
        if (!Directory.Exists(staging) || !_isCurrent(upload.JobId, upload.AttemptToken)) return false;
        var path = Path.Combine(staging, file);
        if ((File.Exists(path) ? new FileInfo(path).Length : 0) != offset) return false;
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await stream.WriteAsync(data).ConfigureAwait(false);
        return true;
    }

    /// <returns>Null once stored; otherwise why nothing was.</returns>
    public string? Commit(Upload upload, IReadOnlyList<FileEntry> files)
    {
        var staging = Staging(upload);
        if (!IsWellFormed(upload) || !Directory.Exists(staging)) return "nothing was staged for this upload (it was restarted, or the coordinator restarted)";
        if (upload.Kind == UploadKind.Weights && files.Count != 1) return "kept weights are one file";
        var staged = Directory.GetFiles(staging).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (!staged.SequenceEqual(files.Select(f => f.Name).Order(StringComparer.Ordinal)))
            return "the files received are not the files listed";
        foreach (var file in files)
        {
            if (Chunks.Describe(Path.Combine(staging, file.Name)) != file)
                return $"file '{file.Name}' arrived damaged (its length or sha256 differs from the worker's)";
        }
        lock (_storing)
        {
            if (!_isCurrent(upload.JobId, upload.AttemptToken)) return "the attempt is no longer the job's current one";
            if (upload.Kind == UploadKind.Checkpoint)
            {
                new CheckpointMarker(upload.Epoch, files).Write(staging);
                CheckpointFolders.Replace(Path.Combine(_checkpoints, upload.JobId), staging);
            }
            else
            {
                Directory.CreateDirectory(_weights);
                File.Move(Path.Combine(staging, files[0].Name), KeptWeights.FileIn(_weights, upload.JobId), overwrite: true);
                Directory.Delete(staging, recursive: true);
            }
        }
        return null;
    }

    /// <summary>Drops the job's stored checkpoint (the current attempt could not read it).</summary>
    public void Discard(string jobId, string attemptToken)
    {
        if (!TransferNames.IsPlain(jobId)) return;
        lock (_storing)
        {
            var directory = Path.Combine(_checkpoints, jobId);
            if (_isCurrent(jobId, attemptToken) && Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private string Staging(Upload upload) => Path.Combine(_incoming, $"{upload.JobId}.{upload.AttemptToken}.{upload.Kind}");

    private static bool IsWellFormed(Upload upload) =>
        TransferNames.IsPlain(upload.JobId) && TransferNames.IsPlain(upload.AttemptToken) && Enum.IsDefined(upload.Kind) && upload.Epoch >= 0;
}
