using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>docs/models.md, Checks: without a positional table, more left padding in front of the same history
/// leaves the last-slot scores of the content- or offset-based mixers unchanged. Slot-indexed mixers
/// (parec, fparec, fixed_linear, token_mixing) are left out on purpose: their weights are tied to
/// absolute slots, so a longer window legitimately changes them.</summary>
[Collection(TorchCollection.Name)]
public sealed class PaddingInvarianceTests
{
    private static readonly int[] History = [4, 17, 9, 26, 2, 13];

    [Theory]
    [InlineData("sasrec")]
    [InlineData("linear_attention")]
    [InlineData("fixed_average")]
    [InlineData("fixed_exponential")]
    public void Extra_left_padding_does_not_change_last_slot_scores(string model)
    {
        using var shortWindow = TinyModels.Create(TinyModels.Options(model, maxLen: 8) with { PositionalEncoding = "none" });
        using var longWindow = TinyModels.Create(TinyModels.Options(model, maxLen: 14) with { PositionalEncoding = "none" }, seed: 2);
        longWindow.load_state_dict(shortWindow.state_dict());
        shortWindow.eval();
        longWindow.eval();
        using var scope = NewDisposeScope();

        var expected = TinyModels.LastSlotScores(shortWindow, TinyModels.Windows(8, History)).data<float>();
        var actual = TinyModels.LastSlotScores(longWindow, TinyModels.Windows(14, History)).data<float>();

        Assert.Equal(expected.Length, actual.Length);
        for (var item = 0; item < expected.Length; item++)
            Assert.Equal(expected[item], actual[item], 1e-4);
    }
}
