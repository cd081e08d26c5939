using Sweeps.Recsys.Models;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>Training cuts a batch's windows to its longest history: a model that accepts that must
/// give its real slots exactly what the full window gives them (slot-indexed parameters read from
/// the window's offset), and a model whose padding slots reach real ones must refuse.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrimmedWindowTests
{
    private const int MaxLen = 12;
    private static readonly int[][] Histories = [[4, 17, 9, 26, 2], [13, 5], [8, 21, 3, 3]];

    public static TheoryData<string, string> Trimmable()
    {
        var cases = new TheoryData<string, string>();
        foreach (var model in TinyModels.Ids.Where(m => m != "token_mixing"))
            foreach (var placement in new[] { "per_block", "after_blocks" })
                cases.Add(model, placement);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Trimmable))]
    public void Real_slots_of_a_trimmed_window_equal_those_of_the_full_window(string model, string ffnPlacement)
    {
        using var recommender = TinyModels.Create(TinyModels.Options(model, MaxLen) with { FfnPlacement = ffnPlacement });
        recommender.eval();
        Assert.True(recommender.AcceptsTrimmedWindows);
        using var scope = NewDisposeScope();
        var longest = Histories.Max(h => h.Length);

        var full = recommender.call(TinyModels.Windows(MaxLen, Histories)).narrow(1, MaxLen - longest, longest);
        var trimmed = recommender.call(TinyModels.Windows(longest, Histories));

        for (var b = 0; b < Histories.Length; b++)
        {
            var real = Histories[b].Length;
            var expected = full.select(0, b).narrow(0, longest - real, real).data<float>();
            var actual = trimmed.select(0, b).narrow(0, longest - real, real).data<float>();
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
        }
    }

    [Theory]
    [InlineData("token_mixing", "strict")]
    [InlineData("fparec", "ref_padding")]
    public void Models_whose_padding_reaches_real_slots_refuse_a_trimmed_window(string model, string padding)
    {
        using var recommender = TinyModels.Create(TinyModels.Options(model, MaxLen) with { Padding = padding });
        Assert.False(recommender.AcceptsTrimmedWindows);
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => recommender.call(TinyModels.Windows(5, Histories)));
        Assert.Contains($"takes windows of {MaxLen} slots, got 5", error.Message);
    }

    [Fact]
    public void A_window_longer_than_the_model_is_refused()
    {
        using var recommender = TinyModels.Create(TinyModels.Options("sasrec", MaxLen));
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => recommender.call(TinyModels.Windows(MaxLen + 1, Histories)));
        Assert.Contains("at most", error.Message);
    }
}
