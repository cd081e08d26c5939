using Sweeps.Recsys.Training;

namespace Sweeps.Recsys.Tests.Training;

public sealed class ShardPlanTests
{
    private static readonly int[] Users = Enumerable.Range(100, 40).ToArray();

    /// <summary>Mostly short histories and a few long ones, as in the Amazon datasets.</summary>
    private static int Length(int user) => user % 10 == 0 ? 50 : 2 + user % 7;

    private static long Cost(int[] shard) => shard.Length == 0 ? 0 : (long)shard.Length * shard.Max(Length);

    [Fact]
    public void Without_lengths_cuts_contiguous_parts_of_equal_size()
    {
        var parts = ShardPlan.Cut(Users, 3);
        Assert.Equal(Users, parts.SelectMany(p => p));
        Assert.Equal([14, 14, 12], parts.Select(p => p.Length));
    }

    [Fact]
    public void With_lengths_every_user_lands_in_one_shard_ordered_by_length()
    {
        var parts = ShardPlan.Cut(Users, 2, Length);
        Assert.Equal(2, parts.Length);
        Assert.Equal(Users.Order(), parts.SelectMany(p => p).Order());
        Assert.True(parts[0].Max(Length) <= parts[1].Min(Length));
    }

    [Fact]
    public void The_largest_trimmed_shard_costs_far_less_than_an_untrimmed_half()
    {
        var parts = ShardPlan.Cut(Users, 2, Length);
        var largest = parts.Max(Cost);
        // Trimming the equal halves alone would still pay the longest window on both sides.
        Assert.True(largest < ShardPlan.Cut(Users, 2).Max(Cost));
        // No cut of the length-ordered users does better (exhaustive check).
        var ordered = Users.OrderBy(Length).ToArray();
        var bestByHand = Enumerable.Range(1, ordered.Length - 1).Min(c => Math.Max(Cost(ordered[..c]), Cost(ordered[c..])));
        Assert.Equal(bestByHand, largest);
    }

    [Fact]
    public void Fewer_users_than_shards_gives_one_shard_per_user()
    {
        var parts = ShardPlan.Cut([7, 3], 4, Length);
        Assert.Equal(2, parts.Length);
        Assert.All(parts, p => Assert.Single(p));
    }
}
