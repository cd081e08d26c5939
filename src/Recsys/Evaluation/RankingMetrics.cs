using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Recsys.Evaluation;

/// <summary>Metrics from 0-based ranks of the held-out item: HR@K = [r &lt; K],
/// NDCG@K = [r &lt; K] / log2(r + 2), MRR = 1 / (r + 1), each averaged over users.</summary>
public static class RankingMetrics
{
    public static readonly string[] Names = ["hr@10", "ndcg@10", "hr@20", "ndcg@20", "mrr"];

    public static MetricSet FromRanks(IReadOnlyCollection<long> ranks)
    {
        if (ranks.Count == 0) throw new ArgumentException("no evaluated user", nameof(ranks));
        double hr10 = 0, ndcg10 = 0, hr20 = 0, ndcg20 = 0, mrr = 0;
        foreach (var r in ranks)
        {
            var gain = 1.0 / Math.Log2(r + 2);
            if (r < 10) { hr10++; ndcg10 += gain; }
            if (r < 20) { hr20++; ndcg20 += gain; }
            mrr += 1.0 / (r + 1);
        }
        double n = ranks.Count;
        return new MetricSet(new Dictionary<string, double>
        {
            ["hr@10"] = hr10 / n,
            ["ndcg@10"] = ndcg10 / n,
            ["hr@20"] = hr20 / n,
            ["ndcg@20"] = ndcg20 / n,
            ["mrr"] = mrr / n,
        }.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }
}
