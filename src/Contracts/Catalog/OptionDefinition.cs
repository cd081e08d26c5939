using System.Collections.Immutable;
using System.Globalization;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Catalog;

/// <summary>A hyperparameter or option a sweep may set: its type, its allowed range or choices, and the
/// models it means something to. An option outside its <see cref="Models"/> is left out of a job, so
/// it cannot split one run into several ids.</summary>
/// <param name="Models">Model ids the option applies to; a trailing '*' matches a prefix; empty = every model.</param>
public sealed record OptionDefinition(
    string Key,
    OptionType Type,
    string Description,
    ImmutableArray<string> Models,
    ImmutableArray<string> Choices,
    double Min = double.NegativeInfinity,
    bool MinExclusive = false,
    double Max = double.PositiveInfinity,
    bool MaxExclusive = false)
{
    /// <summary>Where this option means something besides its models; null = wherever they use it.</summary>
    public OptionCondition? OnlyWith { get; init; }

    /// <summary>Whether a job names this option only when it takes another value than its default.
    /// For options added after jobs were trained: jobs that keep the default keep the ids they had,
    /// so their results are reused. Its default must be the same for every dataset and config.</summary>
    public bool NamedOnlyOffDefault { get; init; }

    /// <summary>Choices only some models accept (choice → model patterns); an unlisted choice is
    /// accepted by every model the option applies to.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> ChoiceModels { get; init; } =
        ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    public bool AppliesTo(string modelId) => Models.IsEmpty || Names(Models, modelId);

    /// <summary>Whether <paramref name="modelId"/> implements <paramref name="value"/> of this option.</summary>
    public bool Accepts(HyperValue value, string modelId) =>
        !value.IsString || !ChoiceModels.TryGetValue(value.AsString(), out var models) || Names(models, modelId);

    private static bool Names(ImmutableArray<string> patterns, string modelId) =>
        patterns.Any(pattern => pattern.EndsWith('*')
            ? modelId.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : modelId == pattern);

    /// <summary>Reads a scalar as this option's value; on failure returns null and says why.</summary>
    public HyperValue? Read(YamlScalar scalar, out string? problem)
    {
        var value = ReadTyped(scalar);
        problem = value is null ? $"'{Key}' expects {Expectation()}, got {scalar.Describe()}" : CheckRange(value.Value);
        return problem is null ? value : null;
    }

    public string Expectation() => Type switch
    {
        OptionType.Integer => "an integer" + RangeText(),
        OptionType.Real => "a number" + RangeText(),
        OptionType.Boolean => "true or false",
        OptionType.Choice => "one of " + string.Join(", ", Choices),
        OptionType.IntegerOrChoice => "an integer" + RangeText() + " or one of " + string.Join(", ", Choices),
        _ => throw new InvalidOperationException(Type.ToString()),
    };

    private HyperValue? ReadTyped(YamlScalar scalar)
    {
        var text = scalar.Value;
        var plain = scalar.IsPlain;
        return Type switch
        {
            OptionType.Integer or OptionType.IntegerOrChoice when plain && ScalarReader.TryInteger(text, out var l) => l,
            OptionType.Real when plain && ScalarReader.TryReal(text, out var d) => d,
            OptionType.Boolean when plain && ScalarReader.TryBoolean(text, out var b) => b,
            OptionType.Choice or OptionType.IntegerOrChoice when Choices.Contains(text) => text,
            _ => null,
        };
    }

    private string? CheckRange(HyperValue value)
    {
        if (!value.IsInteger && !value.IsReal) return null;
        var x = value.AsDouble();
        var low = MinExclusive ? x > Min : x >= Min;
        var high = MaxExclusive ? x < Max : x <= Max;
        return low && high ? null : $"'{Key}' must be{RangeText()}, got {value}";
    }

    private string RangeText()
    {
        var hasMin = !double.IsNegativeInfinity(Min);
        var hasMax = !double.IsPositiveInfinity(Max);
        var min = Min.ToString(CultureInfo.InvariantCulture);
        var max = Max.ToString(CultureInfo.InvariantCulture);
        return (hasMin, hasMax) switch
        {
            (true, true) => $" in {(MinExclusive ? "(" : "[")}{min}, {max}{(MaxExclusive ? ")" : "]")}",
            (true, false) => MinExclusive ? $" > {min}" : $" >= {min}",
            (false, true) => MaxExclusive ? $" < {max}" : $" <= {max}",
            _ => "",
        };
    }
}
