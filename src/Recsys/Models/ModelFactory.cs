using Sweeps.Contracts.Failures;
using Sweeps.Recsys.Models.Mixers;

namespace Sweeps.Recsys.Models;

/// <summary>The model zoo: a model id names the token mixer the backbone gets (docs/models.md). A new
/// model is one mixer class plus one line here. Each model gets a fresh block factory, so blocks can
/// share parameters within one model (pka_shared) and never across models.</summary>
public static class ModelFactory
{
    private static readonly Dictionary<string, Func<Func<ModelOptions, TokenMixer>>> Mixers = new(StringComparer.Ordinal)
    {
        ["sasrec"] = PerBlock(o => o.PositionalEncoding == "rmha4" ? new RelativePositionAttention(o) : new ScaledDotProductAttention(o)),
        ["linear_attention"] = PerBlock(o => new LinearAttention(o)),
        ["token_mixing"] = PerBlock(o => new CausalTokenMixing(o)),
        ["parec"] = PerBlock(o => new PositionalAttention(o)),
        ["fparec"] = PerBlock(o => new FactorizedPositionalAttention(o)),
        ["fixed_average"] = PerBlock(o => new FixedPatternAttention(o, FixedPatternAttention.Pattern.Average)),
        ["fixed_linear"] = PerBlock(o => new FixedPatternAttention(o, FixedPatternAttention.Pattern.Linear)),
        ["fixed_exponential"] = PerBlock(o => new FixedPatternAttention(o, FixedPatternAttention.Pattern.Exponential)),
        ["pka"] = PositionalKernelAttention.Blocks,
        ["awrsr"] = PerBlock(o => new RefinedAttention(o)),
    };

    public static IEnumerable<string> Models => Mixers.Keys;

    public static SequentialRecommender Create(ModelOptions options)
    {
        if (!Mixers.TryGetValue(options.Model, out var blocks))
            throw new InvalidJobConfigException($"model '{options.Model}' has no implementation; known: {string.Join(", ", Mixers.Keys)}");
        options.Validate();
        return new SequentialRecommender(options, blocks());
    }

    private static Func<Func<ModelOptions, TokenMixer>> PerBlock(Func<ModelOptions, TokenMixer> mixer) => () => mixer;
}
