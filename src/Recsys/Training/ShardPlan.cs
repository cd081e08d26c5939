namespace Sweeps.Recsys.Training;

/// <summary>How a step's users are cut into shards. With window lengths given (batches that may be
/// trimmed), users are ordered by length and cut where the largest shard is smallest, a shard
/// costing rows × its longest window: on Beauty, a random batch of 128 has a median history of 4
/// and a longest of about 44, so two such shards cost each thread about 900 slots instead of the
/// 3,200 of two untrimmed halves. Without lengths, contiguous shards of equal size.</summary>
public static class ShardPlan
{
    public static int[][] Cut(int[] users, int shards, Func<int, int>? windowLength = null)
    {
        if (shards < 1) throw new ArgumentOutOfRangeException(nameof(shards), "at least one shard");
        if (windowLength is null) return EqualParts(users, shards);
        var ordered = users.Select((user, index) => (user, index, length: windowLength(user)))
            .OrderBy(u => u.length).ThenBy(u => u.index).ToArray();
        var bounds = BalancedBounds(ordered.Select(u => u.length).ToArray(), Math.Min(shards, users.Length));
        return Enumerable.Range(0, bounds.Length - 1)
            .Select(s => ordered[bounds[s]..bounds[s + 1]].Select(u => u.user).ToArray()).ToArray();
    }

    private static int[][] EqualParts(int[] users, int shards)
    {
        var size = (users.Length + shards - 1) / shards;
        return Enumerable.Range(0, shards).Select(s => users.Skip(s * size).Take(size).ToArray())
            .Where(part => part.Length > 0).ToArray();
    }

    /// <summary>Bounds b₀ = 0 &lt; … &lt; b_k = N of k non-empty runs of ascending lengths that
    /// minimise the largest (b_{s+1} − b_s) · length[b_{s+1} − 1] (dynamic programming, O(k N²)).</summary>
    private static int[] BalancedBounds(int[] ascending, int parts)
    {
        var n = ascending.Length;
        long Cost(int from, int to) => (long)(to - from) * ascending[to - 1];
        var best = new long[parts + 1, n + 1];
        var cut = new int[parts + 1, n + 1];
        for (var j = 1; j <= n; j++) best[1, j] = Cost(0, j);
        for (var k = 2; k <= parts; k++)
            for (var j = k; j <= n; j++)
            {
                best[k, j] = long.MaxValue;
                for (var i = k - 1; i < j; i++)
                {
                    var worst = Math.Max(best[k - 1, i], Cost(i, j));
                    if (worst < best[k, j]) (best[k, j], cut[k, j]) = (worst, i);
                }
            }
        var bounds = new int[parts + 1];
        bounds[parts] = n;
        for (var k = parts; k > 1; k--) bounds[k - 1] = cut[k, bounds[k]];
        return bounds;
    }
}
