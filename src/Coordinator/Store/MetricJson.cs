using System.Collections.Immutable;
using System.Text.Json;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Store;

/// <summary>A metric set as a flat JSON object, {"hr@10":0.51,…}: readable with SQLite's JSON functions.</summary>
internal static class MetricJson
{
    // A diverged run can report NaN; it must be stored as such rather than fail the ingestion.
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(MetricSet metrics) => JsonSerializer.Serialize(metrics.Values, Options);

    public static MetricSet Read(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options)!.ToImmutableSortedDictionary(StringComparer.Ordinal));
}
