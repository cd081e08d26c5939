using Sweeps.Recsys.Models.Mixers;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>docs/models.md (Checks): every attention matrix of the zoo, at initialisation, is
/// row-stochastic over allowed keys and zero on padding rows (the variants are checked perturbed in
/// <see cref="PositionVariantTests"/>).</summary>
[Collection(TorchCollection.Name)]
public sealed class AttentionRowSumTests
{
    public static TheoryData<string> AttentionModels() => new(TinyModels.Ids.Where(id => id != "token_mixing"));

    [Theory]
    [MemberData(nameof(AttentionModels))]
    public void Rows_sum_to_one_over_allowed_keys_and_padding_rows_are_zero(string model)
    {
        using var recommender = TinyModels.Create(TinyModels.Options(model, AttentionRows.MaxLen));
        var mixer = Assert.IsAssignableFrom<AttentionMixer>(recommender.Blocks[0].Mixer);
        using var scope = NewDisposeScope();

        AttentionRows.AssertStochastic(mixer.Weights(AttentionRows.RandomInput(recommender.Options.Hidden)));
    }

    [Theory]
    [InlineData("sasrec")]
    [InlineData("fparec")]
    [InlineData("pka")]
    [InlineData("awrsr")]
    public void The_attention_maps_of_a_forward_pass_are_those_of_every_block(string model)
    {
        using var recommender = TinyModels.Create(TinyModels.Options(model, AttentionRows.MaxLen) with { Blocks = 3 });
        PositionVariants.Perturb(recommender);
        recommender.eval();
        using var scope = NewDisposeScope();
        var windows = TinyModels.Windows(AttentionRows.MaxLen, [5, 12, 7, 29], [8, 1, 16, 22, 30, 11]);

        var maps = recommender.AttentionMaps(windows);

        Assert.Equal(3, maps.Count);
        foreach (var map in maps) AttentionRows.AssertStochastic(map!.expand(2, 1, AttentionRows.MaxLen, AttentionRows.MaxLen));
        Assert.NotEqual(maps[0]!.data<float>(), maps[2]!.data<float>());
    }

    [Fact]
    public void A_mixer_without_attention_weights_has_no_map()
    {
        using var recommender = TinyModels.Create(TinyModels.Options("token_mixing", AttentionRows.MaxLen));
        using var scope = NewDisposeScope();

        Assert.All(recommender.AttentionMaps(TinyModels.Windows(AttentionRows.MaxLen, [5, 12, 7, 29])), Assert.Null);
    }
}
