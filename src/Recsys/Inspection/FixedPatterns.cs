using Sweeps.Recsys.Models;

namespace Sweeps.Recsys.Inspection;

/// <summary>The handcrafted attention patterns of the ablation (the paper's Fig. 4) for a window of n
/// slots, read from the mixers themselves so the figure shows exactly what those models compute.</summary>
public static class FixedPatterns
{
    public static readonly IReadOnlyList<string> Models = ["fixed_average", "fixed_linear", "fixed_exponential"];

    public static double[,] Of(string model, int maxLen)
    {
        using var recommender = ModelFactory.Create(new ModelOptions { Model = model, Items = 1, MaxLen = maxLen, Blocks = 1, Hidden = 2, FfnInner = 2, Dropout = 0 });
        return AttentionMaps.PerLayer(recommender)[0];
    }
}
