namespace Sweeps.Recsys.Data;

/// <summary>
/// Keeps the largest part of the data in which every user and every item has at least k interactions
/// (repeats counted, as the reference preprocessing counts rows). Removing a user can push an item below
/// k and vice versa, so passes repeat until nothing changes; the result does not depend on removal order.
/// Item ids are left as they are; remap afterwards with <see cref="IdRemapper"/>.
/// </summary>
public static class KCoreFilter
{
    public static InteractionDataset Apply(InteractionDataset dataset, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var userAlive = Enumerable.Repeat(true, dataset.UserCount).ToArray();
        var itemAlive = Enumerable.Repeat(true, dataset.ItemCount + 1).ToArray();
        var itemCounts = new int[dataset.ItemCount + 1];
        bool changed;
        do
        {
            changed = false;
            Array.Clear(itemCounts);
            for (var user = 0; user < dataset.UserCount; user++)
            {
                if (!userAlive[user])
                    continue;
                var kept = 0;
                foreach (var item in dataset.Sequence(user))
                    if (itemAlive[item])
                    {
                        kept++;
                        itemCounts[item]++;
                    }
                if (kept < k)
                {
                    userAlive[user] = false;
                    changed = true;
                }
            }
            for (var item = 1; item <= dataset.ItemCount; item++)
                if (itemAlive[item] && itemCounts[item] < k)
                {
                    itemAlive[item] = false;
                    changed = true;
                }
        } while (changed);
        return Keep(dataset, userAlive, itemAlive);
    }

    private static InteractionDataset Keep(InteractionDataset dataset, bool[] userAlive, bool[] itemAlive)
    {
        var offsets = new List<int> { 0 };
        var items = new List<int>();
        for (var user = 0; user < dataset.UserCount; user++)
        {
            if (!userAlive[user])
                continue;
            foreach (var item in dataset.Sequence(user))
                if (itemAlive[item])
                    items.Add(item);
            offsets.Add(items.Count);
        }
        return new InteractionDataset(offsets.ToArray(), items.ToArray(), dataset.ItemCount);
    }
}
