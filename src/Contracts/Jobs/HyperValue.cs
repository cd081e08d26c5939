using System.Globalization;
using System.Text.Json;

namespace Sweeps.Contracts.Jobs;

/// <summary>One hyperparameter value: an integer, a real, a boolean or a string. Kept typed so the
/// canonical JSON of a job (and therefore its id) does not depend on how a YAML file spelled it.</summary>
public readonly record struct HyperValue
{
    private readonly object _value;

    private HyperValue(object value) => _value = value;

    public static HyperValue Of(long value) => new(value);
    public static HyperValue Of(double value) => double.IsFinite(value)
        ? new(value)
        : throw new ArgumentOutOfRangeException(nameof(value), "hyperparameters must be finite");
    public static HyperValue Of(bool value) => new(value);
    public static HyperValue Of(string value) => new(value ?? throw new ArgumentNullException(nameof(value)));

    public static implicit operator HyperValue(long value) => Of(value);
    public static implicit operator HyperValue(int value) => Of(value);
    public static implicit operator HyperValue(double value) => Of(value);
    public static implicit operator HyperValue(bool value) => Of(value);
    public static implicit operator HyperValue(string value) => Of(value);

    public object Raw => _value;
    public bool IsInteger => _value is long;
    public bool IsReal => _value is double;
    public bool IsBoolean => _value is bool;
    public bool IsString => _value is string;

    public long AsInt64() => _value is long l ? l : throw Mismatch("an integer");
    public int AsInt32() => checked((int)AsInt64());
    public double AsDouble() => _value switch
    {
        double d => d,
        long l => l,
        _ => throw Mismatch("a number"),
    };
    public bool AsBoolean() => _value is bool b ? b : throw Mismatch("a boolean");
    public string AsString() => _value is string s ? s : throw Mismatch("a string");

    /// <summary>Writes the canonical JSON form: integers as integers, reals with the shortest
    /// round-trip representation ("R"), so 0.5 and 5e-1 in two YAML files give one id.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (_value)
        {
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteRawValue(FormatReal(d), skipInputValidation: true); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            default: throw new InvalidOperationException("empty HyperValue");
        }
    }

    public static HyperValue ReadFrom(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Of(element.GetString()!),
        JsonValueKind.True => Of(true),
        JsonValueKind.False => Of(false),
        JsonValueKind.Number when element.TryGetInt64(out var l) && !element.GetRawText().Contains('.')
                                  && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) => Of(l),
        JsonValueKind.Number => Of(element.GetDouble()),
        _ => throw new FormatException($"unsupported hyperparameter JSON value: {element.GetRawText()}"),
    };

    private static string FormatReal(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        // A real must stay a real in JSON, or it would read back as an integer and change the id.
        return s.Contains('.') || s.Contains('E') || s.Contains('e') ? s : s + ".0";
    }

    public override string ToString() => _value switch
    {
        double d => FormatReal(d),
        bool b => b ? "true" : "false",
        null => "",
        _ => Convert.ToString(_value, CultureInfo.InvariantCulture)!,
    };

    private InvalidOperationException Mismatch(string expected) =>
        new($"hyperparameter value '{this}' is not {expected}");
}
