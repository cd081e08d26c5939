using Sweeps.Contracts.Failures;

namespace Sweeps.Worker.Transfer;

/// <summary>Before an attempt runs on a cluster worker: when the coordinator holds a later checkpoint
/// of the job than the worker's own (another worker ran it further), the worker's is replaced by a
/// copy of it, so the job resumes from its last evaluation wherever it ran.</summary>
public static class CheckpointDownload
{
    /// <returns>Whether the local checkpoint was replaced.</returns>
    /// <exception cref="TransientJobFailure">The coordinator's copy changed or was refused mid-download.</exception>
    public static async Task<bool> IfNewerAsync(ICoordinatorFiles coordinator, string jobId, string directory, TransferOptions options,
        CancellationToken cancellationToken)
    {
        var stored = await coordinator.DescribeCheckpointAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (stored is null || CheckpointMarker.Read(directory) is { } local && local.Epoch >= stored.Epoch) return false;
        if (!stored.Files.All(f => TransferNames.IsPlain(f.Name)))
            throw new TransientJobFailure($"the coordinator's checkpoint of job {jobId[..12]}… names a file outside its folder");
        var incoming = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory))!, $".{jobId}.{Guid.NewGuid():N}.incoming");
        Directory.CreateDirectory(incoming);
        try
        {
            foreach (var file in stored.Files)
            {
                string received;
                await using (var stream = new FileStream(Path.Combine(incoming, file.Name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    received = await Chunks.DownloadAsync(
                        (offset, ct) => coordinator.ReadCheckpointAsync(jobId, file.Name, offset, options.ChunkBytes, ct), stream, cancellationToken).ConfigureAwait(false);
                }
                if (received != file.Sha256)
                    throw new TransientJobFailure($"the coordinator's checkpoint of job {jobId[..12]}… changed during its download");
            }
            new CheckpointMarker(stored.Epoch, stored.Files).Write(incoming);
            CheckpointFolders.Replace(directory, incoming);
            return true;
        }
        catch (Exception e) when (e is TransferRefusedException or InvalidDataException)
        {
            throw new TransientJobFailure($"the coordinator's checkpoint of job {jobId[..12]}… could not be downloaded: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(incoming)) Directory.Delete(incoming, recursive: true);
        }
    }
}
