using Sweeps.Recsys.Models;
using Sweeps.Recsys.Models.Mixers;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Inspection;

/// <summary>The kernels a pka model learned (docs/models.md, pka), over a full window of n slots: one
/// per block, or one for the whole model with <c>pka_shared</c>.</summary>
public static class PositionalKernels
{
    public static bool HasKernels(SequentialRecommender model) => model.Blocks.All(b => b.Mixer is PositionalKernelAttention);

    /// <returns>The kernels, first block first.</returns>
    /// <exception cref="ArgumentException">The model is not positional kernel attention.</exception>
    public static IReadOnlyList<LearnedKernel> Of(SequentialRecommender model)
    {
        if (!HasKernels(model))
            throw new ArgumentException($"{model.Options.Model} has no positional kernel", nameof(model));
        var options = model.Options;
        var n = options.MaxLen;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var kernels = model.Blocks.Select(b => ((PositionalKernelAttention)b.Mixer).Kernel);
        return (options.PkaShared ? kernels.Take(1) : kernels)
            .Select((kernel, block) => new LearnedKernel(
                options.PkaShared ? null : block + 1,
                AttentionMaps.ToMatrix(kernel.Lower(0, n)),
                AttentionMaps.ToMatrix(kernel.Upper(0, n)),
                options.PkaApply switch
                {
                    "logits_mul" => AttentionMaps.ToMatrix(kernel.Matrix(0, n).tril()),
                    "weights_mul" => AttentionMaps.ToMatrix(kernel.Matrix(0, n).abs().tril()),
                    _ => null,
                }))
            .ToList();
    }
}

/// <summary>One learned kernel. <see cref="Layer"/> is its block (1-based), null when all blocks share
/// it. <see cref="Lower"/> is L and <see cref="Upper"/> U as n×n matrices; <see cref="Modulation"/> is
/// what multiplies the logits (C = U L) or the weights (|C|) on the allowed pairs j ≤ i, null for the
/// sandwich, where L and U act on their own.</summary>
public sealed record LearnedKernel(int? Layer, double[,] Lower, double[,] Upper, double[,]? Modulation)
{
    /// <summary>ℓ_δ, the weight with which query slot i takes the scores of query slot i − δ (read off
    /// L's last row): the whole of a Toeplitz L.</summary>
    public double[] LowerByOffset()
    {
        var last = Lower.GetLength(0) - 1;
        return [.. Enumerable.Range(0, last + 1).Select(offset => Lower[last, last - offset])];
    }

    /// <summary>u_δ, the weight with which key slot j takes the scores of key slot j − δ (read off U's
    /// first row): the whole of a Toeplitz U.</summary>
    public double[] UpperByOffset() => [.. Enumerable.Range(0, Upper.GetLength(1)).Select(offset => Upper[0, offset])];
}
