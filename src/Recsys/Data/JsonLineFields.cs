using System.Text.Json;

namespace Sweeps.Recsys.Data;

/// <summary>Reads the few top-level properties a review reader needs from one JSON line. Review lines
/// carry long free-text bodies; a forward-only reader skips them without building a document.</summary>
public static class JsonLineFields
{
    /// <summary>Fills <paramref name="values"/>[i] with the raw text of top-level property <paramref name="names"/>[i]
    /// (strings unescaped, numbers as written), or null when absent.</summary>
    /// <returns>False when the line is not a JSON object.</returns>
    public static bool TryRead(string line, ReadOnlySpan<string> names, Span<string?> values)
    {
        values.Clear();
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(line));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = IndexOf(ref reader, names);
                reader.Read();
                if (index >= 0 && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                    values[index] = reader.TokenType == JsonTokenType.String
                        ? reader.GetString()
                        : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                else
                    reader.Skip();
            }
            return reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int IndexOf(ref Utf8JsonReader reader, ReadOnlySpan<string> names)
    {
        for (var i = 0; i < names.Length; i++)
            if (reader.ValueTextEquals(names[i]))
                return i;
        return -1;
    }
}
