using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Sweeps.Contracts.Datasets;

/// <summary>SHA-256 of files, streamed, remembered by (full path, size, last write time) so a dataset is
/// read once per process however many sweeps name it, and re-read when the file changes.</summary>
public sealed class DatasetHashCache
{
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime WriteTimeUtc), string> _hashes = new();

    public static DatasetHashCache Shared { get; } = new();

    /// <exception cref="IOException">The file is empty or not a regular file.</exception>
    public string Hash(string path)
    {
        var file = new FileInfo(path);
        // Devices, FIFOs and sockets report size 0; opening one could block for ever (a FIFO) or never
        // end (/dev/zero), so a dataset must be a non-empty file and is refused before it is opened.
        if (file.Length == 0)
            throw new IOException($"{file.Name} is empty or not a regular file (a device, FIFO or socket)");
        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        return _hashes.GetOrAdd(key, static k =>
        {
            using var stream = new FileStream(k.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }
}
