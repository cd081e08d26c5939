using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweeps.Contracts.Catalog;

/// <summary>Reads YAML plain scalars as typed values, following the YAML 1.2 core schema's spellings.</summary>
public static partial class ScalarReader
{
    public static bool TryInteger(string text, out long value)
    {
        value = 0;
        return IntegerPattern().IsMatch(text)
               && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryReal(string text, out double value)
    {
        value = 0;
        return RealPattern().IsMatch(text)
               && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
               && double.IsFinite(value);
    }

    public static bool TryBoolean(string text, out bool value)
    {
        value = text is "true" or "True" or "TRUE";
        return value || text is "false" or "False" or "FALSE";
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex RealPattern();
}
