using Sweeps.Recsys.Models;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Training;

/// <summary>The loss over the non-padding target slots (docs/models.md, Output and loss). <c>ce_full</c>: softmax
/// cross-entropy over the whole catalogue, computed by the fused chunked kernel so the slots × items
/// logits never exist; the padding class is excluded unless <c>ce_include_pad</c>. <c>bce_1neg</c>:
/// the author SASRec's binary loss with one sampled negative per slot.</summary>
public sealed class NextItemLoss(TrainingOptions options)
{
    /// <summary>Rows per chunk of the fused kernel: 256 × 12k float logits ≈ 12 MB, cache-sized.</summary>
    private const long ChunkRows = 256;

    public bool NeedsNegatives => options.Loss == "bce_1neg";

    /// <param name="hidden">H, (B, n, d).</param>
    /// <param name="positions">Flat indices b·n + t of the scored slots.</param>
    /// <param name="targets">The item at each scored slot.</param>
    /// <param name="negatives">One sampled item per scored slot (bce_1neg only).</param>
    public Tensor Compute(SequentialRecommender model, Tensor hidden, Tensor positions, Tensor targets, Tensor? negatives)
    {
        var d = hidden.size(-1);
        var rows = hidden.view(-1, d).index_select(0, positions);
        var table = model.ItemTable;
        switch (options.Loss)
        {
            case "ce_full" when options.CeIncludePad:
                return nn.functional.fused_softmax_cross_entropy(rows, table, targets, ChunkRows);
            case "ce_full":
                return nn.functional.fused_softmax_cross_entropy(rows, table.narrow(0, 1, table.size(0) - 1), targets - 1, ChunkRows);
            case "bce_1neg":
                var positive = (rows * nn.functional.embedding(targets, table)).sum(-1);
                var negative = (rows * nn.functional.embedding(negatives!, table)).sum(-1);
                var logits = cat([positive, negative]);
                var labels = cat([ones_like(positive), zeros_like(negative)]);
                // Summed over both terms and averaged over target slots, as the author code does.
                return nn.functional.binary_cross_entropy_with_logits(logits, labels, nn.Reduction.Sum) / positive.size(0);
            default:
                throw new Contracts.Failures.InvalidJobConfigException($"unknown loss '{options.Loss}'");
        }
    }

    private static Tensor ones_like(Tensor t) => ones(t.shape, t.dtype, t.device);
    private static Tensor zeros_like(Tensor t) => zeros(t.shape, t.dtype, t.device);
}
