namespace Sweeps.Recsys.Data;

/// <summary>The quantities of FPARec Table 2. <see cref="Items"/> counts distinct items that occur, which can
/// be fewer than the id space of a file with unused ids.</summary>
/// <param name="Sparsity">1 − interactions / (users × items); not in the paper's table, reported for completeness.</param>
public sealed record DatasetStatistics(int Users, int Items, long Interactions, double AverageLength, double Sparsity)
{
    public static DatasetStatistics Compute(InteractionDataset dataset)
    {
        var seen = new bool[dataset.ItemCount + 1];
        var distinct = 0;
        foreach (var item in dataset.Items)
            if (!seen[item])
            {
                seen[item] = true;
                distinct++;
            }
        long interactions = dataset.InteractionCount;
        var users = dataset.UserCount;
        var average = users == 0 ? 0 : (double)interactions / users;
        var sparsity = users == 0 || distinct == 0 ? 1 : 1 - interactions / ((double)users * distinct);
        return new DatasetStatistics(users, distinct, interactions, average, sparsity);
    }
}
