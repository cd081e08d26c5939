using Sweeps.Recsys.Evaluation;

namespace Sweeps.Recsys.Tests.Evaluation;

/// <summary>HR@K = [r &lt; K], NDCG@K = [r &lt; K]/log2(r + 2), MRR = 1/(r + 1) on 0-based ranks,
/// averaged over users; ranks on both sides of each cut-off.</summary>
public sealed class RankingMetricsTests
{
    [Fact]
    public void Hand_made_ranks_give_the_textbook_values()
    {
        var metrics = RankingMetrics.FromRanks([0, 1, 9, 10, 19, 20]);

        Assert.Equal(3 / 6.0, metrics["hr@10"], 12);
        Assert.Equal((1 + 1 / Math.Log2(3) + 1 / Math.Log2(11)) / 6, metrics["ndcg@10"], 12);
        Assert.Equal(5 / 6.0, metrics["hr@20"], 12);
        Assert.Equal((1 + 1 / Math.Log2(3) + 1 / Math.Log2(11) + 1 / Math.Log2(12) + 1 / Math.Log2(21)) / 6, metrics["ndcg@20"], 12);
        Assert.Equal((1 + 1 / 2.0 + 1 / 10.0 + 1 / 11.0 + 1 / 20.0 + 1 / 21.0) / 6, metrics["mrr"], 12);
        Assert.Equal(RankingMetrics.Names.Order(StringComparer.Ordinal), metrics.Values.Keys);
    }

    [Fact]
    public void A_perfect_ranking_scores_one_everywhere()
    {
        Assert.All(RankingMetrics.FromRanks([0, 0, 0]).Values.Values, value => Assert.Equal(1.0, value));
    }

    [Fact]
    public void No_ranks_is_an_error_not_a_zero()
    {
        Assert.Throws<ArgumentException>(() => RankingMetrics.FromRanks([]));
    }
}
