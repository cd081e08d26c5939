using Sweeps.Recsys.Models.Mixers;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary><c>fixed_include_pad</c>: the fixed patterns normalised over every causal slot, padding
/// included (docs/models.md, Fixed patterns), checked against weights written out here from a_ij.</summary>
[Collection(TorchCollection.Name)]
public sealed class FixedPatternPaddingTests
{
    // AttentionRows' first row: slots 0 and 1 are padding, 2..5 real.
    private const int PaddingSlots = 2;

    [Theory]
    [InlineData("fixed_average")]
    [InlineData("fixed_linear")]
    [InlineData("fixed_exponential")]
    public void Every_earlier_slot_padding_included_shares_a_row_in_proportion_to_its_pattern(string model)
    {
        var weights = Weights(model, "absolute", includePad: true);
        var n = AttentionRows.MaxLen;
        for (var b = 0; b < 2; b++)
            for (var i = 0; i < n; i++)
            {
                var paddingQuery = b == 0 && i < PaddingSlots;
                var denominator = Enumerable.Range(0, i + 1).Sum(k => Pattern(model, i, k));
                for (var j = 0; j < n; j++)
                {
                    var expected = paddingQuery || j > i ? 0.0 : Pattern(model, i, j) / denominator;
                    Assert.Equal(expected, weights[(b * n + i) * n + j], 1e-5);
                }
            }
    }

    [Fact]
    public void Padding_keys_take_a_short_history_s_weight_under_the_average_pattern()
    {
        var n = AttentionRows.MaxLen;
        var included = Weights("fixed_average", "absolute", includePad: true);
        var excluded = Weights("fixed_average", "absolute", includePad: false);
        var lastRow = (n - 1) * n;

        Assert.Equal(2.0 / n, included[lastRow] + included[lastRow + 1], 1e-5);
        Assert.Equal(0.0, excluded[lastRow] + excluded[lastRow + 1], 1e-6);
        Assert.Equal(1.0 / (n - PaddingSlots), excluded[lastRow + n - 1], 1e-5);
    }

    [Fact]
    public void Relative_slots_give_padding_no_weight_so_padding_rows_stay_zero_and_finite()
    {
        var included = Weights("fixed_linear", "relative", includePad: true);
        var excluded = Weights("fixed_linear", "relative", includePad: false);

        Assert.All(included, w => Assert.True(float.IsFinite(w)));
        Assert.Equal(excluded, included);
    }

    [Theory]
    [InlineData("fixed_average")]
    [InlineData("fixed_exponential")]
    public void A_model_normalising_over_padding_refuses_trimmed_windows(string model)
    {
        using var normalisedOverReal = TinyModels.Create(TinyModels.Options(model, 8));
        using var normalisedOverPadding = TinyModels.Create(TinyModels.Options(model, 8) with { FixedIncludePad = true });

        Assert.True(normalisedOverReal.AcceptsTrimmedWindows);
        Assert.False(normalisedOverPadding.AcceptsTrimmedWindows);
    }

    /// <summary>a_ij for 0-based slots i, j of a window whose slots are its model's.</summary>
    private static double Pattern(string model, int i, int j) => model switch
    {
        "fixed_average" => 1.0,
        "fixed_linear" => j + 1.0,
        "fixed_exponential" => Math.Exp(j - i),
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    private static float[] Weights(string model, string index, bool includePad)
    {
        using var recommender = TinyModels.Create(TinyModels.Options(model, AttentionRows.MaxLen)
            with { FixedIndex = index, FixedIncludePad = includePad });
        var mixer = Assert.IsAssignableFrom<AttentionMixer>(recommender.Blocks[0].Mixer);
        using var scope = NewDisposeScope();
        return mixer.Weights(AttentionRows.RandomInput(recommender.Options.Hidden)).data<float>().ToArray();
    }
}
