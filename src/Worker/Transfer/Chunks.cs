using System.Security.Cryptography;

namespace Sweeps.Worker.Transfer;

/// <summary>Moves one file in chunks, one short call each, hashing what passes.</summary>
public static class Chunks
{
    /// <summary>Reads a file of the coordinator into <paramref name="destination"/>.</summary>
    /// <param name="read">Reads the chunk at an offset.</param>
    /// <returns>The SHA-256 of what was written.</returns>
    /// <exception cref="TransferRefusedException">The coordinator refused the file.</exception>
    /// <exception cref="InvalidDataException">The file changed length or ended early during the transfer.</exception>
    public static async Task<string> DownloadAsync(Func<long, CancellationToken, Task<FileChunk>> read, Stream destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long offset = 0;
        long? length = null;
        while (length is null || offset < length)
        {
            var chunk = await read(offset, cancellationToken).ConfigureAwait(false);
            if (chunk.Refusal is { } reason) throw new TransferRefusedException(reason);
            if (length is { } known && chunk.Length != known) throw new InvalidDataException("the file changed length during the transfer");
            length = chunk.Length;
            if (offset + chunk.Data.Length > chunk.Length || (chunk.Data.Length == 0 && offset < chunk.Length))
                throw new InvalidDataException("the transfer ended early");
            await destination.WriteAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
            hash.AppendData(chunk.Data);
            offset += chunk.Data.Length;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Sends a local file to the coordinator.</summary>
    /// <param name="write">Writes the chunk at an offset; false: the coordinator did not take it.</param>
    /// <returns>False as soon as one chunk was not taken.</returns>
    public static async Task<bool> UploadAsync(string path, int chunkBytes, Func<long, byte[], CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[chunkBytes];
        long offset = 0;
        while (true)
        {
            var count = await stream.ReadAtLeastAsync(buffer, chunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            // An empty file is still sent once, so the coordinator knows it.
            if (count == 0 && offset > 0) return true;
            if (!await write(offset, buffer[..count], cancellationToken).ConfigureAwait(false)) return false;
            offset += count;
            if (count < chunkBytes) return true;
        }
    }

    /// <summary>What a transfer says about a local file: its name, length and SHA-256.</summary>
    public static FileEntry Describe(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new FileEntry(Path.GetFileName(path), stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
