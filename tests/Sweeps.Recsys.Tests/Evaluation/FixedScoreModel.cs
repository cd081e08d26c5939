using Sweeps.Recsys.Models;
using Sweeps.Recsys.Tests.Models;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Evaluation;

/// <summary>A model that scores item j exactly <c>scores[j − 1]</c> for every user: the final layer
/// norm's gain is zero and its bias e₁, so H = e₁ at every slot whatever the input, and row j of the
/// item table is scores[j − 1]·e₁. Lets ranking be checked against a hand-made score matrix.</summary>
internal static class FixedScoreModel
{
    public static SequentialRecommender Create(float[] scores, int maxLen)
    {
        var model = TinyModels.Create(TinyModels.Options("sasrec", maxLen) with { Items = scores.Length });
        var d = model.Options.Hidden;
        var unit = new float[d];
        unit[0] = 1;
        var table = new float[(scores.Length + 1) * d];
        for (var item = 1; item <= scores.Length; item++) table[item * d] = scores[item - 1];

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var state = model.state_dict();
        state["finalNorm.weight"].zero_();
        state["finalNorm.bias"].copy_(tensor(unit, d));
        model.ItemTable.copy_(tensor(table, scores.Length + 1, d));
        return model;
    }
}
