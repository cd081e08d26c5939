namespace Sweeps.Recsys.Data;

/// <summary>
/// Renumbers items 1..N in order of first appearance, reading users in dataset order and each sequence
/// in time order; users keep their order (which is their order of first appearance in the source), so
/// writing them out numbers them 1..U the same way. Dense ids make the embedding table exactly N+1
/// rows, and the rule reproduces the numbering of the shared FPARec files.
/// </summary>
public static class IdRemapper
{
    public static InteractionDataset ByFirstAppearance(InteractionDataset dataset)
    {
        var newIds = new int[dataset.ItemCount + 1];
        var next = 0;
        var items = new int[dataset.InteractionCount];
        var source = dataset.Items;
        for (var i = 0; i < source.Length; i++)
        {
            ref var id = ref newIds[source[i]];
            if (id == 0)
                id = ++next;
            items[i] = id;
        }
        return new InteractionDataset(dataset.Offsets.ToArray(), items, next);
    }
}
