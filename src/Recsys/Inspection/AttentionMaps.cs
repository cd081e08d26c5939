using Sweeps.Recsys.Models;
using Sweeps.Recsys.Models.Mixers;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Inspection;

/// <summary>The attention matrices of models whose attention does not depend on the items (PARec,
/// FPARec, the fixed patterns): per block, A[i, j] = the weight query slot i gives key slot j over a
/// full window of n real items, averaged over heads.</summary>
public static class AttentionMaps
{
    /// <summary>Whether every block's mixer has attention that depends on slots alone.</summary>
    public static bool HasPositionalAttention(SequentialRecommender model) =>
        model.Blocks.All(b => b.Mixer is PositionalAttention or FactorizedPositionalAttention or FixedPatternAttention);

    /// <returns>One n×n matrix per block, first block first.</returns>
    /// <exception cref="ArgumentException">A block's attention depends on the items.</exception>
    public static IReadOnlyList<double[,]> PerLayer(SequentialRecommender model)
    {
        if (!HasPositionalAttention(model))
            throw new ArgumentException($"{model.Options.Model} has attention that depends on the items, not on slots alone", nameof(model));
        var n = model.Options.MaxLen;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = FullWindow(n, model.Options.Hidden);
        return model.Blocks.Select(b => ToMatrix(((AttentionMixer)b.Mixer).Weights(input).mean(1).squeeze(0))).ToList();
    }

    /// <summary>One user with n real items: nothing is padding, only the future is masked. The item
    /// values are zero, which these mixers never read for their weights.</summary>
    private static MixerInput FullWindow(long n, long hidden)
    {
        var x = zeros([1, n, hidden]);
        var future = ones([n, n], ScalarType.Bool).triu(1).view(1, 1, n, n);
        return new MixerInput(x, x, future, ones([1, 1, n, 1]), ones([1, n, 1]), future);
    }

    internal static double[,] ToMatrix(Tensor square)
    {
        var n = (int)square.size(0);
        var values = square.to(ScalarType.Float32).contiguous().data<float>();
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                matrix[i, j] = values[i * n + j];
        return matrix;
    }
}
