using Sweeps.Recsys.Models;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>Models small enough for exact checks in milliseconds: 30 items, d = f = 16, one head,
/// two blocks, dropout 0.</summary>
internal static class TinyModels
{
    public const int Items = 30;

    public static IEnumerable<string> Ids => ModelFactory.Models;

    public static ModelOptions Options(string model, int maxLen = 10) => new()
    {
        Model = model,
        Items = Items,
        MaxLen = maxLen,
        Hidden = 16,
        FfnInner = 16,
        K = 4,
        Dropout = 0,
    };

    /// <summary>Builds the model from a seeded generator, so its initial weights are reproducible.</summary>
    public static SequentialRecommender Create(ModelOptions options, int seed = 1)
    {
        manual_seed(seed);
        return ModelFactory.Create(options);
    }

    /// <summary>One left-padded window per history, (B, n) int64: the last item sits in slot n−1.</summary>
    public static Tensor Windows(int maxLen, params int[][] histories)
    {
        var slots = new long[histories.Length * maxLen];
        for (var b = 0; b < histories.Length; b++)
            for (var t = 0; t < histories[b].Length; t++)
                slots[(b + 1) * maxLen - histories[b].Length + t] = histories[b][t];
        return tensor(slots, histories.Length, maxLen);
    }

    /// <summary>Scores of items 1..V at the last slot, (B, V): what the evaluator ranks.</summary>
    public static Tensor LastSlotScores(SequentialRecommender model, Tensor windows) =>
        model.call(windows).select(1, windows.size(1) - 1).matmul(model.ItemTable.narrow(0, 1, model.Options.Items).t());
}
