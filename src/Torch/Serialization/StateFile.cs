using System.Text;

namespace Sweeps.Torch;

/// <summary>The binary format of saved module and optimizer state (docs/tensor-state-format.md).
/// Little-endian throughout:
/// <code>
/// magic   8 bytes  "SWTSTATE"
/// version int32    1
/// count   int32    number of entries
/// entry:  int32 name length, UTF-8 name, int32 dtype code (ScalarType), int32 rank,
///         int64 × rank shape, int64 byte count, raw row-major element bytes
/// </code>
/// Values are copied bit for bit, so a round trip is exact. Files are written to a temporary name
/// and renamed, so a crash never leaves a half-written state.</summary>
public static class StateFile
{
    private static readonly byte[] Magic = "SWTSTATE"u8.ToArray();
    private const int Version = 1;

    public static void Save(string path, IReadOnlyDictionary<string, torch.Tensor> state)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(state.Count);
            foreach (var (name, tensor) in state)
            {
                var nameBytes = Encoding.UTF8.GetBytes(name);
                writer.Write(nameBytes.Length);
                writer.Write(nameBytes);
                writer.Write((int)tensor.dtype);
                var shape = tensor.shape;
                writer.Write(shape.Length);
                foreach (var s in shape) writer.Write(s);
                var bytes = RawBytes(tensor);
                writer.Write((long)bytes.Length);
                writer.Write(bytes);
            }
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads every entry as a new CPU tensor (owned by the caller or the current dispose scope).</summary>
    public static Dictionary<string, torch.Tensor> Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a Sweeps tensor state file");
        var version = reader.ReadInt32();
        if (version != Version) throw new InvalidDataException($"{path}: state format version {version}, expected {Version}");
        var count = reader.ReadInt32();
        var state = new Dictionary<string, torch.Tensor>(count);
        for (var i = 0; i < count; i++)
        {
            var name = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()));
            var dtype = (ScalarType)reader.ReadInt32();
            var shape = new long[reader.ReadInt32()];
            for (var d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
            var length = reader.ReadInt64();
            var bytes = reader.ReadBytes(checked((int)length));
            if (bytes.Length != length) throw new InvalidDataException($"{path}: truncated at entry '{name}'");
            state[name] = FromBytes(bytes, dtype, shape);
        }
        return state;
    }

    private static byte[] RawBytes(torch.Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => AsBytes(t.data<float>()),
        ScalarType.Float64 => AsBytes(t.data<double>()),
        ScalarType.Int64 => AsBytes(t.data<long>()),
        ScalarType.Int32 => AsBytes(t.data<int>()),
        ScalarType.Bool => AsBytes(t.data<bool>()),
        ScalarType.Byte => t.data<byte>(),
        _ => throw new NotSupportedException(t.dtype.ToString()),
    };

    private static byte[] AsBytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static torch.Tensor FromBytes(byte[] bytes, ScalarType dtype, long[] shape) => dtype switch
    {
        ScalarType.Float32 => torch.tensor(Cast<float>(bytes), shape),
        ScalarType.Float64 => torch.tensor(Cast<double>(bytes), shape),
        ScalarType.Int64 => torch.tensor(Cast<long>(bytes), shape),
        ScalarType.Int32 => torch.tensor(Cast<int>(bytes), shape),
        ScalarType.Bool => torch.tensor(Cast<bool>(bytes), shape),
        ScalarType.Byte => torch.tensor(bytes, shape),
        _ => throw new InvalidDataException($"unknown dtype code {(int)dtype}"),
    };

    private static T[] Cast<T>(byte[] bytes) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
}

public static partial class torch
{
    public static void save(IReadOnlyDictionary<string, Tensor> state, string path) => StateFile.Save(path, state);
    public static Dictionary<string, Tensor> load(string path) => StateFile.Load(path);
}
