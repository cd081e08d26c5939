using System.IO.Compression;

namespace Sweeps.Coordinator.Store;

/// <summary>Per-user ranks as a small blob: each rank a LEB128 varint (most ranks of a trained model
/// fit in two bytes), the whole deflated. A Beauty run's 22 k users take about 40 KB instead of the
/// 130 KB of a JSON array, which matters once every result of a paper sweep travels as text.</summary>
public static class RankCodec
{
    public static byte[] Encode(IReadOnlyList<int> ranks)
    {
        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            Span<byte> buffer = stackalloc byte[5];
            foreach (var rank in ranks)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(rank);
                var value = (uint)rank;
                var length = 0;
                do
                {
                    var low = (byte)(value & 0x7F);
                    value >>= 7;
                    buffer[length++] = value == 0 ? low : (byte)(low | 0x80);
                } while (value != 0);
                deflate.Write(buffer[..length]);
            }
        }
        return packed.ToArray();
    }

    public static int[] Decode(byte[] blob)
    {
        using var deflate = new DeflateStream(new MemoryStream(blob), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        deflate.CopyTo(raw);
        var bytes = raw.GetBuffer().AsSpan(0, (int)raw.Length);
        var ranks = new List<int>(bytes.Length / 2);
        uint value = 0;
        var shift = 0;
        foreach (var b in bytes)
        {
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) != 0)
            {
                shift += 7;
                if (shift > 28) throw new InvalidDataException("rank varint longer than 5 bytes");
                continue;
            }
            ranks.Add(checked((int)value));
            value = 0;
            shift = 0;
        }
        if (shift != 0) throw new InvalidDataException("rank blob ends inside a varint");
        return [.. ranks];
    }
}
