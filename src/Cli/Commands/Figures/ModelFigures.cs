using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Reports.Figures;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Recsys.Inspection;
using Sweeps.Recsys.Models.Mixers;

namespace Sweeps.Cli.Commands.Figures;

/// <summary>The figures drawn from models: per config of a model with positional attention (PARec,
/// FPARec), its attention per layer (the paper's Fig. 3); per config with learned position embeddings
/// (SASRec), their correlation (Fig. 1, its Appendix A); both row-scaled to their maximum as in the
/// FPARec paper; per pka config, its learned kernels (<see cref="KernelFigures"/>); and the fixed
/// patterns at every window length the sweep trains them on (Fig. 4), row-scaled too. The first three
/// read the weights kept by <c>keep: [weights]</c>, from the lowest seed that has them.</summary>
public sealed class ModelFigures(SweepStore store) : IModelFigureSource
{
    /// <summary>Finished jobs of models read from weights whose weights were not kept.</summary>
    public IReadOnlyList<string> MissingWeights { get; private set; } = [];

    public async Task<IReadOnlyList<Figure>> FiguresAsync(string sweepId, CancellationToken cancellationToken)
    {
        var outcomes = await store.LoadOutcomesAsync(sweepId, cancellationToken).ConfigureAwait(false);
        var weightsRoot = KeptWeights.RootOf(store.Path);
        var figures = new List<Figure>();
        var missing = new List<string>();
        foreach (var config in outcomes.Where(o => o.State == JobState.Succeeded && ReadsWeights(o.Spec.Model))
                     .GroupBy(o => o.Spec.ConfigId, StringComparer.Ordinal))
        {
            var kept = config.OrderBy(o => o.Spec.Seed).FirstOrDefault(o => File.Exists(KeptWeights.FileIn(weightsRoot, o.Spec.Id)));
            if (kept is null)
            {
                missing.AddRange(config.Select(o => o.Spec.Id));
                continue;
            }
            figures.AddRange(FromWeights(kept.Spec, KeptWeights.FileIn(weightsRoot, kept.Spec.Id)));
        }
        foreach (var (model, maxLen) in outcomes.Where(o => FixedPatterns.Models.Contains(o.Spec.Model))
                     .Select(o => (o.Spec.Model, o.Spec.GetInt("maxlen", 0))).Distinct().Order())
            figures.Add(new HeatmapFigure($"pattern-{model}-n{maxLen}", $"{model}, n = {maxLen}",
                RowScaling.ByRowMax(FixedPatterns.Of(model, maxLen))));
        MissingWeights = missing;
        return figures;
    }

    private static bool ReadsWeights(string model) => ModelCatalog.Find(model)?.BaseModel is "sasrec" or "parec" or "fparec" or "pka";

    private static IEnumerable<Figure> FromWeights(JobSpec job, string weightsFile)
    {
        using var model = KeptModel.Load(job, weightsFile);
        var prefix = $"{SweepFigures.FileName(job.Dataset)}-{job.Model}-{job.ConfigId[..8]}";
        var title = $"{job.Dataset} {job.Model} n={job.GetInt("maxlen", 0)}";
        var figures = new List<Figure>();
        if (AttentionMaps.HasPositionalAttention(model))
            figures.AddRange(AttentionMaps.PerLayer(model).Select((matrix, layer) => new HeatmapFigure($"attention-{prefix}-layer{layer + 1}",
                $"{title}: attention, layer {layer + 1}", RowScaling.ByRowMax(matrix))));
        if (model.Blocks[0].Mixer is ScaledDotProductAttention && PositionCorrelation.HasPositionEmbeddings(model))
            figures.Add(new HeatmapFigure($"position-correlation-{prefix}", $"{title}: exp(P P^T / √d)",
                RowScaling.ByRowMax(PositionCorrelation.Of(model))));
        if (PositionalKernels.HasKernels(model))
            figures.AddRange(KernelFigures.Of(model, prefix, job.Dataset));
        return figures;
    }
}
