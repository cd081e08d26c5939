using Sweeps.Contracts.Failures;
using Sweeps.Recsys.Models.Mixers;

namespace Sweeps.Recsys.Models;

/// <summary>The model zoo: a model id names the token mixer the backbone gets. A new model is one
/// mixer class plus one line here.</summary>
public static class ModelFactory
{
    private static readonly Dictionary<string, Func<ModelOptions, TokenMixer>> Mixers = new(StringComparer.Ordinal)
    {
        ["sasrec"] = o => new ScaledDotProductAttention(o),
        ["linear_attention"] = o => new LinearAttention(o),
        ["token_mixing"] = o => new CausalTokenMixing(o),
        ["parec"] = o => new PositionalAttention(o),
        ["fparec"] = o => new FactorizedPositionalAttention(o),
        ["fixed_average"] = o => new FixedPatternAttention(o, FixedPatternAttention.Pattern.Average),
        ["fixed_linear"] = o => new FixedPatternAttention(o, FixedPatternAttention.Pattern.Linear),
        ["fixed_exponential"] = o => new FixedPatternAttention(o, FixedPatternAttention.Pattern.Exponential),
    };

    public static IEnumerable<string> Models => Mixers.Keys;

    public static SequentialRecommender Create(ModelOptions options) =>
        Mixers.TryGetValue(options.Model, out var mixer)
            ? new SequentialRecommender(options, mixer)
            : throw new InvalidJobConfigException($"model '{options.Model}' has no implementation; known: {string.Join(", ", Mixers.Keys)}");
}
