using System.Collections.Concurrent;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;

namespace Sweeps.Worker.Execution;

/// <summary>Finds the file a job's dataset lives in on this worker. A job names its data by name and
/// content hash only (so its id does not depend on where the file sits); the worker looks among the
/// files it was told about, then for <c>&lt;dir&gt;/&lt;name&gt;.txt</c> in its data directories, and
/// accepts a file only if its content hash matches. A cluster worker then asks its
/// <see cref="IDatasetSource"/> (the coordinator) for the file.</summary>
public sealed class DatasetLocator(IEnumerable<string> dataDirectories, DatasetHashCache? hashes = null)
{
    private readonly ConcurrentDictionary<string, string> _byHash = new(StringComparer.Ordinal);
    private readonly string[] _directories = [.. dataDirectories];
    private readonly DatasetHashCache _hashes = hashes ?? DatasetHashCache.Shared;

    public void Register(DatasetIdentity dataset) => _byHash[dataset.Sha256] = dataset.Path;

    public string Locate(JobSpec job) => TryLocate(job) ?? throw NotHere(job);

    /// <summary>As <see cref="Locate"/>, then from <paramref name="source"/> when no local file matches.</summary>
    public async Task<string> LocateAsync(JobSpec job, IDatasetSource? source, CancellationToken cancellationToken) =>
        TryLocate(job) ?? (source is null ? throw NotHere(job) : await source.FetchAsync(job, cancellationToken).ConfigureAwait(false));

    private string? TryLocate(JobSpec job)
    {
        if (_byHash.TryGetValue(job.DatasetHash, out var known) && File.Exists(known) && _hashes.Hash(known) == job.DatasetHash)
            return known;
        foreach (var directory in _directories)
        {
            foreach (var candidate in new[] { Path.Combine(directory, job.Dataset + FileDatasetResolver.DefaultExtension), Path.Combine(directory, job.Dataset) })
            {
                if (File.Exists(candidate) && _hashes.Hash(candidate) == job.DatasetHash)
                {
                    _byHash[job.DatasetHash] = candidate;
                    return candidate;
                }
            }
        }
        return null;
    }

    private BadJobDataException NotHere(JobSpec job) => new(
        $"dataset '{job.Dataset}' with sha256 {job.DatasetHash[..12]}… is not on this worker (looked in: {string.Join(", ", _directories)}); a file of that name with other content does not count");
}
