using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Transfer;

/// <summary>One chunk of a file the coordinator serves, read without blocking a grain thread.</summary>
internal static class FileReads
{
    public static async Task<FileChunk> ChunkAsync(string path, long offset, int length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var total = RandomAccess.GetLength(handle);
        var count = (int)Math.Clamp(total - offset, 0, Math.Min(length, TransferOptions.MaxChunkBytes));
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), offset + read).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }
        return new FileChunk(read == count ? buffer : buffer[..read], total);
    }
}
