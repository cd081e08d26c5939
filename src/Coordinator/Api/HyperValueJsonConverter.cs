using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Api;

/// <summary>Hyperparameter values as plain JSON (<c>128</c>, <c>0.5</c>, <c>true</c>, <c>"cpu"</c>) rather than
/// the struct's members, so clients read results without knowing the type.</summary>
public sealed class HyperValueJsonConverter : JsonConverter<HyperValue>
{
    public override HyperValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return HyperValue.ReadFrom(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, HyperValue value, JsonSerializerOptions options) => value.WriteTo(writer);
}
