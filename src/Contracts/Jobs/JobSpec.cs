using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sweeps.Contracts.Jobs;

/// <summary>Everything that determines one training run. Its <see cref="Id"/> is the SHA-256 of its
/// canonical JSON, so the same run submitted twice, in one sweep or two, is trained once.</summary>
/// <param name="Dataset">The dataset's name (file name without extension) as shown in tables.</param>
/// <param name="DatasetHash">SHA-256 (hex) of the dataset file's content: the identity of the data.</param>
/// <param name="Model">Model id, e.g. <c>fparec</c>.</param>
/// <param name="Parameters">Every resolved hyperparameter and option (maxlen, k, blocks, epochs…).</param>
/// <param name="Seed">Random seed.</param>
public sealed record JobSpec(
    string Dataset,
    string DatasetHash,
    string Model,
    ImmutableSortedDictionary<string, HyperValue> Parameters,
    int Seed)
{
    /// <summary>Bumped when the canonical form changes, so old and new ids never collide.</summary>
    public const int CanonicalVersion = 1;

    private string? _id;
    private string? _configId;

    /// <summary>Used by <c>with</c>: copies the members but not the cached ids, which a changed copy
    /// would otherwise inherit from its original.</summary>
    private JobSpec(JobSpec original)
    {
        Dataset = original.Dataset;
        DatasetHash = original.DatasetHash;
        Model = original.Model;
        Parameters = original.Parameters;
        Seed = original.Seed;
    }

    /// <summary>SHA-256 hex of <see cref="ToCanonicalJson(bool)"/> including the seed.</summary>
    public string Id => _id ??= HashCanonical(includeSeed: true);

    /// <summary>The id of the config this job is one seed of (the canonical JSON without the seed).</summary>
    public string ConfigId => _configId ??= HashCanonical(includeSeed: false);

    /// <summary>Canonical JSON: fixed key order (v, dataset, dataset_hash, model, parameters sorted
    /// by ordinal key, seed), no whitespace, UTF-8, reals in shortest round-trip form.</summary>
    public string ToCanonicalJson(bool includeSeed = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            WriteCanonical(w, includeSeed);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteCanonical(Utf8JsonWriter w, bool includeSeed)
    {
        w.WriteStartObject();
        w.WriteNumber("v", CanonicalVersion);
        w.WriteString("dataset", Dataset);
        w.WriteString("dataset_hash", DatasetHash);
        w.WriteString("model", Model);
        w.WriteStartObject("parameters");
        foreach (var (key, value) in Parameters.WithComparers(StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            value.WriteTo(w);
        }
        w.WriteEndObject();
        if (includeSeed) w.WriteNumber("seed", Seed);
        w.WriteEndObject();
    }

    // Ids are computed for every job of a sweep on submit (a million for a large grid), so the
    // canonical bytes are hashed straight from a per-thread buffer instead of through a string.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_canonicalBuffer;
    [ThreadStatic] private static Utf8JsonWriter? t_canonicalWriter;

    private string HashCanonical(bool includeSeed)
    {
        var buffer = t_canonicalBuffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = t_canonicalWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        WriteCanonical(writer, includeSeed);
        writer.Flush();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static JobSpec FromCanonicalJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var parameters = ImmutableSortedDictionary.CreateBuilder<string, HyperValue>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("parameters").EnumerateObject())
            parameters[p.Name] = HyperValue.ReadFrom(p.Value);
        return new JobSpec(
            root.GetProperty("dataset").GetString()!,
            root.GetProperty("dataset_hash").GetString()!,
            root.GetProperty("model").GetString()!,
            parameters.ToImmutable(),
            root.GetProperty("seed").GetInt32());
    }

    public HyperValue? Get(string key) => Parameters.TryGetValue(key, out var v) ? v : default(HyperValue?);
    public int GetInt(string key, int fallback) => Get(key)?.AsInt32() ?? fallback;
    public double GetDouble(string key, double fallback) => Get(key)?.AsDouble() ?? fallback;
    public bool GetBool(string key, bool fallback) => Get(key)?.AsBoolean() ?? fallback;
    public string GetString(string key, string fallback) => Get(key)?.AsString() ?? fallback;

    public bool Equals(JobSpec? other) => other is not null && Id == other.Id;
    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);
}
