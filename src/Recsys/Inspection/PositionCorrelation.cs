using Sweeps.Recsys.Models;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Inspection;

/// <summary>How strongly a trained model's learned position embeddings relate slot i to slot j, as the
/// FPARec paper measures it (its Appendix A): C = exp(P Pᵀ / √d) with the future (j &gt; i) zeroed,
/// since the attention is causal. The paper's Fig. 1 shows it for SASRec.</summary>
public static class PositionCorrelation
{
    public static bool HasPositionEmbeddings(SequentialRecommender model) => model.PositionTable is not null;

    /// <exception cref="ArgumentException">The model has no learned position embeddings.</exception>
    public static double[,] Of(SequentialRecommender model)
    {
        var positions = model.PositionTable
            ?? throw new ArgumentException($"{model.Options.Model} has no learned position embeddings", nameof(model));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var p = positions.detach().to(ScalarType.Float32);
        var correlation = (p.matmul(p.t()) / Math.Sqrt(p.size(1))).exp().tril();
        return AttentionMaps.ToMatrix(correlation);
    }
}
