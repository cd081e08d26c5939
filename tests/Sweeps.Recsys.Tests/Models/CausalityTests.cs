using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>docs/models.md, Checks: the output at slot i may depend only on slots ≤ i, in both modes (dropout
/// off, so train mode is deterministic too) and both FFN layouts.</summary>
[Collection(TorchCollection.Name)]
public sealed class CausalityTests
{
    private const int MaxLen = 10;

    // Two padding slots in front, so padding keys are part of every row's mask.
    private static readonly int[] History = [3, 14, 7, 22, 9, 11, 5, 18];

    public static TheoryData<string, string, bool> Cases()
    {
        var cases = new TheoryData<string, string, bool>();
        foreach (var model in TinyModels.Ids)
            foreach (var placement in new[] { "per_block", "after_blocks" })
                foreach (var trainMode in new[] { false, true })
                    cases.Add(model, placement, trainMode);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Changing_the_item_in_a_slot_leaves_every_earlier_slot_unchanged(string model, string ffnPlacement, bool trainMode)
    {
        using var recommender = TinyModels.Create(TinyModels.Options(model, MaxLen) with { FfnPlacement = ffnPlacement });
        recommender.train(trainMode);
        var firstItemSlot = MaxLen - History.Length;
        using var scope = NewDisposeScope();
        var original = recommender.call(TinyModels.Windows(MaxLen, History));

        for (var slot = firstItemSlot; slot < MaxLen; slot++)
        {
            var altered = (int[])History.Clone();
            altered[slot - firstItemSlot] = TinyModels.Items;
            var changed = recommender.call(TinyModels.Windows(MaxLen, altered));

            Assert.Equal(original.narrow(1, 0, slot).data<float>(), changed.narrow(1, 0, slot).data<float>());
            Assert.NotEqual(original.select(1, slot).data<float>(), changed.select(1, slot).data<float>());
        }
    }
}
