using Sweeps.Recsys.Models;
using Sweeps.Recsys.Models.Mixers;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>The checks of docs/models.md (Checks) for every encoding, pka and awrsr variant, with their
/// parameters moved off the neutral start: causality, padding behaviour and row sums.</summary>
[Collection(TorchCollection.Name)]
public sealed class PositionVariantTests
{
    private const int MaxLen = 10;
    private static readonly int[] History = [3, 14, 7, 22, 9, 11, 5, 18];

    public static TheoryData<string> Variants() => PositionVariants.Names();

    public static TheoryData<string> OffsetOnly() => PositionVariants.Names(PositionVariants.OffsetOnly);

    public static TheoryData<string> SlotIndexed() =>
        PositionVariants.Names(["sasrec pe=abs_sinusoidal forward", "pka sandwich toeplitz-full", "awrsr simp"]);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Changing_the_item_in_a_slot_leaves_every_earlier_slot_unchanged(string variant)
    {
        using var model = TinyModels.Create(PositionVariants.Options(variant, MaxLen));
        PositionVariants.Perturb(model);
        model.train();
        var firstItemSlot = MaxLen - History.Length;
        using var scope = NewDisposeScope();
        var original = model.call(TinyModels.Windows(MaxLen, History));

        for (var slot = firstItemSlot; slot < MaxLen; slot++)
        {
            var altered = (int[])History.Clone();
            altered[slot - firstItemSlot] = TinyModels.Items;
            var changed = model.call(TinyModels.Windows(MaxLen, altered));

            Assert.Equal(original.narrow(1, 0, slot).data<float>(), changed.narrow(1, 0, slot).data<float>());
            Assert.NotEqual(original.select(1, slot).data<float>(), changed.select(1, slot).data<float>());
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Rows_sum_to_one_over_allowed_keys_and_padding_rows_are_zero(string variant)
    {
        using var model = TinyModels.Create(PositionVariants.Options(variant, AttentionRows.MaxLen));
        PositionVariants.Perturb(model);
        var mixer = Assert.IsAssignableFrom<AttentionMixer>(model.Blocks[1].Mixer);
        using var scope = NewDisposeScope();

        AttentionRows.AssertStochastic(mixer.Weights(AttentionRows.RandomInput(model.Options.Hidden)));
    }

    [Theory]
    [MemberData(nameof(OffsetOnly))]
    public void Extra_left_padding_does_not_change_last_slot_scores(string variant)
    {
        var (expected, actual) = ShortAndLongWindowScores(variant);
        for (var item = 0; item < expected.Length; item++)
            Assert.Equal(expected[item], actual[item], 1e-4);
    }

    [Theory]
    [MemberData(nameof(SlotIndexed))]
    public void Slot_indexed_variants_do_see_the_extra_padding(string variant)
    {
        var (expected, actual) = ShortAndLongWindowScores(variant);
        Assert.Contains(Enumerable.Range(0, expected.Length), item => Math.Abs(expected[item] - actual[item]) > 1e-3);
    }

    /// <summary>Last-slot scores of one history in a window of 8 and, with the same weights (slot
    /// tables cut to their first rows), in a window of 14.</summary>
    private static (float[] Short, float[] Long) ShortAndLongWindowScores(string variant)
    {
        int[] history = [4, 17, 9, 26, 2, 13];
        using var shortWindow = TinyModels.Create(PositionVariants.Options(variant, maxLen: 8));
        using var longWindow = TinyModels.Create(PositionVariants.Options(variant, maxLen: 14), seed: 2);
        PositionVariants.Perturb(shortWindow);
        CopyInto(longWindow, shortWindow);
        shortWindow.eval();
        longWindow.eval();
        using var scope = NewDisposeScope();
        return (TinyModels.LastSlotScores(shortWindow, TinyModels.Windows(8, history)).data<float>(),
                TinyModels.LastSlotScores(longWindow, TinyModels.Windows(14, history)).data<float>());
    }

    private static void CopyInto(SequentialRecommender target, SequentialRecommender source)
    {
        var from = source.state_dict();
        using var _ = no_grad();
        foreach (var (name, parameter) in target.state_dict())
        {
            var value = from[name];
            var rows = Math.Min(value.shape[0], parameter.shape[0]);
            var region = parameter.narrow(0, 0, rows);
            if (parameter.dim() == 2 && parameter.shape[1] != value.shape[1]) region = region.narrow(1, 0, Math.Min(value.shape[1], parameter.shape[1]));
            var sourceRegion = value.narrow(0, 0, rows);
            if (value.dim() == 2) sourceRegion = sourceRegion.narrow(1, 0, region.shape[1]);
            region.copy_(sourceRegion);
        }
    }
}
