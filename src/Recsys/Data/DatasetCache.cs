using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Sweeps.Recsys.Data;

/// <summary>
/// Loaded datasets stored as binary files named by a SHA-256 key (see <see cref="KeyFor"/>), so a second
/// load of the same file skips parsing. A cache file is trusted only after its magic, version, exact
/// length and trailing SHA-256 of the payload check out; anything else counts as a miss and is rebuilt.
/// Layout (little-endian): magic, version, user count, item count, interaction count, offsets, items, SHA-256.
/// </summary>
public sealed class DatasetCache
{
    public const string DirectoryVariable = "SWEEPS_CACHE_DIR";
    private const int Version = 1;
    private static readonly byte[] Magic = "SWPDSET\0"u8.ToArray();
    private static readonly int HeaderLength = Magic.Length + 4 * sizeof(int);
    private const int ChecksumLength = SHA256.HashSizeInBytes;

    public DatasetCache(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>$SWEEPS_CACHE_DIR when set, otherwise <c>~/.cache/sweeps/datasets</c>.</summary>
    public static DatasetCache Default()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        return new DatasetCache(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sweeps", "datasets")
            : configured);
    }

    /// <summary>SHA-256 over the file's bytes followed by the load settings that change the result
    /// (format and minimum date) and the cache version, so the same file read two ways never collides.</summary>
    public static string KeyFor(string path, string formatName, DatasetReadOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
                hash.AppendData(buffer, 0, read);
        }
        hash.AppendData(Encoding.UTF8.GetBytes($"\n{formatName}\n{options.MinDate?.ToString("yyyy-MM-dd") ?? "-"}\nv{Version}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public string PathFor(string key) => Path.Combine(Directory, key + ".bin");

    public bool TryLoad(string key, out InteractionDataset dataset)
    {
        dataset = null!;
        var path = PathFor(key);
        if (!BitConverter.IsLittleEndian || !File.Exists(path))
            return false;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return false;
        }
        return TryDecode(bytes, out dataset);
    }

    public void Store(string key, InteractionDataset dataset) =>
        AtomicFile.Write(PathFor(key), stream => stream.Write(Encode(dataset)));

    private static byte[] Encode(InteractionDataset dataset)
    {
        var offsets = MemoryMarshal.AsBytes(dataset.Offsets);
        var items = MemoryMarshal.AsBytes(dataset.Items);
        var bytes = new byte[HeaderLength + offsets.Length + items.Length + ChecksumLength];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        var header = span[Magic.Length..];
        BinaryPrimitives.WriteInt32LittleEndian(header, Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], dataset.UserCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], dataset.ItemCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], dataset.InteractionCount);
        offsets.CopyTo(span[HeaderLength..]);
        items.CopyTo(span[(HeaderLength + offsets.Length)..]);
        var payloadLength = bytes.Length - ChecksumLength;
        SHA256.HashData(span[..payloadLength], span[payloadLength..]);
        return bytes;
    }

    private static bool TryDecode(byte[] bytes, out InteractionDataset dataset)
    {
        dataset = null!;
        var span = bytes.AsSpan();
        if (span.Length < HeaderLength + ChecksumLength || !span[..Magic.Length].SequenceEqual(Magic))
            return false;
        var header = span[Magic.Length..];
        var version = BinaryPrimitives.ReadInt32LittleEndian(header);
        var users = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var itemCount = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var interactions = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (version != Version || users < 0 || interactions < 0
            || span.Length != HeaderLength + 4L * (users + 1) + 4L * interactions + ChecksumLength)
            return false;
        var payloadLength = span.Length - ChecksumLength;
        if (!SHA256.HashData(span[..payloadLength]).AsSpan().SequenceEqual(span[payloadLength..]))
            return false;
        var offsets = MemoryMarshal.Cast<byte, int>(span.Slice(HeaderLength, 4 * (users + 1))).ToArray();
        var items = MemoryMarshal.Cast<byte, int>(span.Slice(HeaderLength + 4 * (users + 1), 4 * interactions)).ToArray();
        try
        {
            dataset = new InteractionDataset(offsets, items, itemCount);
            return true;
        }
        catch (DatasetException)
        {
            return false;
        }
    }
}
