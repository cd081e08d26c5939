using System.Collections.Concurrent;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Jobs;
using Sweeps.Worker.Execution;

namespace Sweeps.Worker.Transfer;

/// <summary>Datasets a cluster worker lacks, copied from the coordinator by content hash into
/// <see cref="WorkerCache.Datasets"/> and kept there for the next job. A copy is written under a
/// temporary name, its SHA-256 checked, and only then renamed into place; slots that need the same
/// dataset at once wait for one transfer.</summary>
public sealed class DatasetFetcher(ICoordinatorFiles coordinator, WorkerCache cache, TransferOptions? options = null, DatasetHashCache? hashes = null)
    : IDatasetSource
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _inFlight = new(StringComparer.Ordinal);
    private readonly TransferOptions _options = options ?? TransferOptions.Default;
    private readonly DatasetHashCache _hashes = hashes ?? DatasetHashCache.Shared;

    public Task<string> FetchAsync(JobSpec job, CancellationToken cancellationToken)
    {
        var hash = job.DatasetHash;
        if (!TransferNames.IsSha256(hash))
            return Task.FromException<string>(new BadJobDataException($"dataset '{job.Dataset}' is named by '{hash}', not by a sha256, so it cannot be fetched"));
        // Not the caller's token: a transfer other slots wait for must not stop because one of them did.
        var fetch = _inFlight.GetOrAdd(hash, _ => new Lazy<Task<string>>(() => Task.Run(() => FetchOnceAsync(job))));
        var task = fetch.Value;
        task.ContinueWith(_ => _inFlight.TryRemove(KeyValuePair.Create(hash, fetch)), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task.WaitAsync(cancellationToken);
    }

    private async Task<string> FetchOnceAsync(JobSpec job)
    {
        var (name, hash) = (job.Dataset, job.DatasetHash);
        var target = cache.DatasetFile(hash);
        if (File.Exists(target))
        {
            if (_hashes.Hash(target) == hash) return target;
            File.Delete(target);
        }
        Directory.CreateDirectory(cache.Datasets);
        var temporary = Path.Combine(cache.Datasets, $".{hash}.{Guid.NewGuid():N}.part");
        try
        {
            string received;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                received = await Chunks.DownloadAsync(
                    (offset, ct) => coordinator.ReadDatasetAsync(name, hash, offset, _options.ChunkBytes, ct), stream, CancellationToken.None).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            if (received != hash)
                throw new BadJobDataException(
                    $"dataset '{name}' as received from the coordinator has sha256 {received[..12]}…, not the job's {hash[..12]}…; the copy was deleted");
            File.Move(temporary, target, overwrite: true);
            return target;
        }
        catch (TransferRefusedException e)
        {
            throw new BadJobDataException($"dataset '{name}' (sha256 {hash[..12]}…) is not on this worker, and the coordinator refused it: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            // Cut short, not wrong: the next attempt fetches it again (or is refused if the file changed).
            throw new TransientJobFailure($"dataset '{name}' could not be fetched from the coordinator: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
