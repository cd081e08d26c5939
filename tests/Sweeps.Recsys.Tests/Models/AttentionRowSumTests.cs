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
}
