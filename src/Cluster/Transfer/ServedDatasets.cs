using System.Collections.Concurrent;
using Sweeps.Contracts.Datasets;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Transfer;

/// <summary>The datasets a coordinator serves to its workers: files it finds itself inside its data
/// root (<c>--data</c>) under the name a job gives, and only when their content hash is the one asked
/// for. No path travels from a worker, so nothing outside the data root can be read, and a file changed
/// since its sweep was submitted is refused rather than served under the old hash.</summary>
public sealed class ServedDatasets(string? dataRoot, DatasetHashCache? hashes = null)
{
    private readonly string? _root = dataRoot is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataRoot));
    private readonly DatasetHashCache _hashes = hashes ?? DatasetHashCache.Shared;
    private readonly ConcurrentDictionary<string, string> _found = new(StringComparer.Ordinal);

    public Task<FileChunk> ReadAsync(string name, string sha256, long offset, int length)
    {
        if (!IsName(name) || !TransferNames.IsSha256(sha256) || offset < 0 || length <= 0)
            return Task.FromResult(FileChunk.Refused("not a dataset request (a dataset name, a lower-case hex sha256, an offset and a length)"));
        return Find(name, sha256) is { } path
            ? FileReads.ChunkAsync(path, offset, length)
            : Task.FromResult(FileChunk.Refused(
                $"the coordinator has no dataset '{name}' with sha256 {sha256[..12]}… in its data root: the file changed or was removed after the sweep was submitted"));
    }

    /// <summary>The job's name as a file's name (<c>&lt;name&gt;.txt</c> first, as sweep files name
    /// datasets), anywhere under the root, whose content hash matches.</summary>
    private string? Find(string name, string sha256)
    {
        if (_found.TryGetValue(sha256, out var known) && Matches(known, sha256)) return known;
        if (_root is null || !Directory.Exists(_root)) return null;
        var named = Directory.EnumerateFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => Path.GetFileName(f) == name || Path.GetFileNameWithoutExtension(f) == name);
        foreach (var candidate in named.Prepend(Path.Combine(_root, name)).Prepend(Path.Combine(_root, name + FileDatasetResolver.DefaultExtension)))
        {
            if (!Path.GetFullPath(candidate).StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !Matches(candidate, sha256)) continue;
            _found[sha256] = candidate;
            return candidate;
        }
        return null;
    }

    private bool Matches(string path, string sha256)
    {
        try
        {
            return File.Exists(path) && _hashes.Hash(path) == sha256;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A job's dataset name is a file name without its folder.</summary>
    private static bool IsName(string name) =>
        name is { Length: > 0 and <= 255 } and not ("." or "..") && name.IndexOfAny(['/', '\\', '\0']) < 0;
}
