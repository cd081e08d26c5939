using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Evaluation;

/// <summary>Full ranking (docs/models.md, Evaluation): the last slot's H is scored against every item 1..V and
/// the rank of the held-out item is the number of items scoring strictly higher — ties are
/// counted in the item's favour. History items stay in the ranking unless excluded. No autograd.
///
/// Users are batched in order of history length, so that a model that accepts trimmed windows reads
/// each batch cut to its longest history (most batches of the Amazon datasets then have a handful of
/// slots instead of n); on CPU, batches run side by side, one core each. Batches of 128 keep a
/// batch's scores (6 MB on Beauty) near its core: on Beauty, 512 made the pass 30 % slower and
/// raised peak memory by 150–300 MB. Ranks come back in the order of <c>users</c>.</summary>
public sealed class FullRankingEvaluator(LeaveOneOutSplit split, int batchSize = 128, bool excludeHistory = false)
{
    public MetricSet Evaluate(SequentialRecommender model, EvalStage stage, IReadOnlyList<int> users) =>
        RankingMetrics.FromRanks(Ranks(model, stage, users));

    public long[] Ranks(SequentialRecommender model, EvalStage stage, IReadOnlyList<int> users)
    {
        var wasTraining = model.training;
        model.eval();
        var ranks = new long[users.Count];
        var order = Enumerable.Range(0, users.Count).OrderBy(i => split.EvalHistoryLength(users[i], stage)).ToArray();
        var batches = (users.Count + batchSize - 1) / batchSize;
        void RankBatch(int batch)
        {
            var members = order.AsSpan(batch * batchSize, Math.Min(batchSize, users.Count - batch * batchSize)).ToArray();
            var batchRanks = BatchRanks(model, stage, members.Select(i => users[i]).ToArray());
            for (var b = 0; b < members.Length; b++) ranks[members[b]] = batchRanks[b];
        }
        try
        {
            parallel_tasks(batches, model.ItemTable.device.Type == DeviceType.CPU ? get_num_threads() : 1, RankBatch);
        }
        finally
        {
            model.train(wasTraining);
        }
        return ranks;
    }

    private long[] BatchRanks(SequentialRecommender model, EvalStage stage, int[] users)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var n = model.Options.MaxLen;
        var length = model.AcceptsTrimmedWindows ? Math.Clamp(users.Max(u => split.EvalHistoryLength(u, stage)), 1, n) : n;
        var input = new long[users.Length * length];
        var targets = new long[users.Length];
        for (var b = 0; b < users.Length; b++)
            targets[b] = split.FillEvalWindow(users[b], stage, input.AsSpan(b * length, length)) - 1;
        var device = model.ItemTable.device;
        var last = model.call(tensor(input, users.Length, length).to(device)).select(1, length - 1);
        var scores = last.matmul(model.ItemTable.narrow(0, 1, split.ItemCount).t());
        if (excludeHistory) scores = scores.masked_fill(HistoryMask(users, stage, targets).to(device), double.NegativeInfinity);
        var target = tensor(targets, users.Length, 1).to(device);
        return scores.gt(scores.gather(1, target)).sum(1).cpu().data<long>();
    }

    /// <summary>(count, V) true at items the user has seen before the evaluated one, except the
    /// held-out item itself (Yelp repeats items).</summary>
    private Tensor HistoryMask(int[] users, EvalStage stage, long[] targets)
    {
        var itemCount = split.ItemCount;
        var mask = new bool[users.Length * itemCount];
        for (var b = 0; b < users.Length; b++)
        {
            var sequence = split.Dataset.Sequence(users[b]);
            var history = sequence[..split.EvalHistoryLength(users[b], stage)];
            foreach (var item in history) mask[b * itemCount + item - 1] = true;
            mask[b * itemCount + targets[b]] = false;
        }
        return tensor(mask, users.Length, itemCount);
    }
}
