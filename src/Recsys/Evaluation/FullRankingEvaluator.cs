using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Evaluation;

/// <summary>Full ranking (MODELS.md §2.6): the last slot's H is scored against every item 1..V and
/// the rank of the held-out item is the number of items scoring strictly higher — ties are
/// counted in the item's favour. History items stay in the ranking unless excluded. No autograd.</summary>
public sealed class FullRankingEvaluator(LeaveOneOutSplit split, int batchSize = 512, bool excludeHistory = false)
{
    public MetricSet Evaluate(SequentialRecommender model, EvalStage stage, IReadOnlyList<int> users) =>
        RankingMetrics.FromRanks(Ranks(model, stage, users));

    public long[] Ranks(SequentialRecommender model, EvalStage stage, IReadOnlyList<int> users)
    {
        var wasTraining = model.training;
        model.eval();
        using var _ = no_grad();
        var n = model.Options.MaxLen;
        var itemCount = split.ItemCount;
        var device = model.ItemTable.device;
        var ranks = new long[users.Count];
        var input = new long[batchSize * n];
        var targets = new long[batchSize];
        try
        {
            for (var start = 0; start < users.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, users.Count - start);
                for (var b = 0; b < count; b++)
                    targets[b] = split.FillEvalWindow(users[start + b], stage, input.AsSpan(b * n, n)) - 1;
                var items = tensor(input[..(count * n)], count, n).to(device);
                var last = model.call(items).select(1, n - 1);
                var scores = last.matmul(model.ItemTable.narrow(0, 1, itemCount).t());
                if (excludeHistory) scores = scores.masked_fill(HistoryMask(users, start, count, stage, targets).to(device), double.NegativeInfinity);
                var target = tensor(targets[..count], count, 1).to(device);
                var better = scores.gt(scores.gather(1, target)).sum(1).cpu().data<long>();
                better.CopyTo(ranks, start);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return ranks;
    }

    /// <summary>(count, V) true at items the user has seen before the evaluated one, except the
    /// held-out item itself (Yelp repeats items).</summary>
    private Tensor HistoryMask(IReadOnlyList<int> users, int start, int count, EvalStage stage, long[] targets)
    {
        var itemCount = split.ItemCount;
        var mask = new bool[count * itemCount];
        for (var b = 0; b < count; b++)
        {
            var sequence = split.Dataset.Sequence(users[start + b]);
            var history = sequence[..(sequence.Length - (stage == EvalStage.Test ? 1 : 2))];
            foreach (var item in history) mask[b * itemCount + item - 1] = true;
            mask[b * itemCount + targets[b]] = false;
        }
        return tensor(mask, count, itemCount);
    }
}
