using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class KCoreFilterTests
{
    [Fact]
    public void RemovalCascadesUntilEveryUserAndItemHasK()
    {
        // k = 2. Item 4 occurs once → removed; user 2 then has one interaction left → removed;
        // item 3 then occurs once (user 0) → removed; user 0 keeps [1, 2]. Users 1 and 3 survive.
        var dataset = InteractionDataset.FromSequences([[1, 2, 3], [1, 2], [3, 4], [2, 1, 1]]);

        var core = KCoreFilter.Apply(dataset, 2);

        DatasetAssert.HasSequences(core, [1, 2], [1, 2], [2, 1, 1]);
        Assert.Equal(dataset.ItemCount, core.ItemCount);
    }

    [Fact]
    public void RepeatedInteractionsCount()
    {
        // Counting distinct users instead would give item 7 two users and remove everything at k = 3.
        var dataset = InteractionDataset.FromSequences([[7, 7, 7], [7, 8, 8, 8]]);

        var core = KCoreFilter.Apply(dataset, 3);

        DatasetAssert.HasSequences(core, [7, 7, 7], [7, 8, 8, 8]);
    }

    [Fact]
    public void EverythingCanDisappear()
    {
        var core = KCoreFilter.Apply(InteractionDataset.FromSequences([[1, 2], [3, 4]]), 2);

        Assert.Equal(0, core.UserCount);
        Assert.Equal(0, core.InteractionCount);
    }

    [Fact]
    public void IdRemappingNumbersItemsByFirstAppearance()
    {
        var dataset = InteractionDataset.FromSequences([[40, 10, 40], [30, 10, 20]]);

        var remapped = IdRemapper.ByFirstAppearance(dataset);

        DatasetAssert.HasSequences(remapped, [1, 2, 1], [3, 2, 4]);
        Assert.Equal(4, remapped.ItemCount);
    }
}
