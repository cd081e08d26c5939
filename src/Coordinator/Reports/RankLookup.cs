namespace Sweeps.Coordinator.Reports;

/// <summary>Per-user test ranks of the results that kept them, by config and seed.</summary>
public sealed class RankLookup(IReadOnlyDictionary<(string ConfigId, int Seed), int[]> ranks)
{
    public static RankLookup None { get; } = new(new Dictionary<(string, int), int[]>());

    public bool IsEmpty => ranks.Count == 0;

    public int[]? Find(string configId, int seed) => ranks.GetValueOrDefault((configId, seed));
}
