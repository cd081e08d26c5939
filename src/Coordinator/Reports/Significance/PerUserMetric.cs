using System.Globalization;

namespace Sweeps.Coordinator.Reports.Significance;

/// <summary>A metric's value for each user from 0-based ranks, the terms whose mean is the reported
/// metric: HR@K = [r &lt; K], NDCG@K = [r &lt; K] / log2(r + 2), MRR = 1 / (r + 1).</summary>
public static class PerUserMetric
{
    /// <returns>Null for a metric that is not a per-user mean of ranks.</returns>
    public static double[]? Of(string metric, IReadOnlyList<int> ranks)
    {
        Func<int, double>? term = metric switch
        {
            "mrr" => r => 1.0 / (r + 1),
            _ when Cutoff(metric, "hr@") is { } k => r => r < k ? 1 : 0,
            _ when Cutoff(metric, "ndcg@") is { } k => r => r < k ? 1 / Math.Log2(r + 2) : 0,
            _ => null,
        };
        return term is null ? null : [.. ranks.Select(term)];
    }

    private static int? Cutoff(string metric, string prefix) =>
        metric.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(metric.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
}
