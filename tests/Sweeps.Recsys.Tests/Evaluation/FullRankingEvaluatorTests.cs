using Sweeps.Recsys.Data;
using Sweeps.Recsys.Evaluation;
using Sweeps.Recsys.Tests.Models;

namespace Sweeps.Recsys.Tests.Evaluation;

/// <summary>Full ranking on a hand-made score matrix (docs/models.md, Evaluation): rank = number of items scoring
/// strictly higher than the target, history items ranked unless excluded, a repeated target kept.</summary>
[Collection(TorchCollection.Name)]
public sealed class FullRankingEvaluatorTests
{
    private const int MaxLen = 4;

    // Items 5 and 6 tie.
    private static readonly float[] Scores = [8, 7, 6, 5, 4, 4, 2, 1];

    // User 2 is too short to be evaluated; user 1's test target repeats a history item.
    private static readonly LeaveOneOutSplit Split = LeaveOneOutSplit.Create(InteractionDataset.FromSequences(
    [
        [1, 2, 5],
        [3, 6, 3],
        [8, 7],
        [7, 8, 4, 6, 8],
    ], itemCount: Scores.Length));

    [Theory]
    [InlineData(EvalStage.Valid, new long[] { 1, 4, 4 })]
    [InlineData(EvalStage.Test, new long[] { 4, 2, 7 })]
    public void Ties_count_for_the_target_and_history_items_stay_in_the_ranking(EvalStage stage, long[] expected)
    {
        using var model = FixedScoreModel.Create(Scores, MaxLen);
        Assert.Equal(new[] { 0, 1, 3 }, Split.EvaluatedUsers);
        Assert.Equal(expected, new FullRankingEvaluator(Split).Ranks(model, stage, Split.EvaluatedUsers));
    }

    [Theory]
    [InlineData(EvalStage.Valid, new long[] { 0, 3, 3 })]
    [InlineData(EvalStage.Test, new long[] { 2, 2, 4 })]
    public void Excluding_history_drops_seen_items_but_keeps_a_repeated_target(EvalStage stage, long[] expected)
    {
        using var model = FixedScoreModel.Create(Scores, MaxLen);
        Assert.Equal(expected, new FullRankingEvaluator(Split, excludeHistory: true).Ranks(model, stage, Split.EvaluatedUsers));
    }

    [Fact]
    public void Metrics_are_those_of_the_ranks_and_small_batches_change_nothing()
    {
        using var model = FixedScoreModel.Create(Scores, MaxLen);
        var metrics = new FullRankingEvaluator(Split, batchSize: 2).Evaluate(model, EvalStage.Test, Split.EvaluatedUsers);
        Assert.Equal(RankingMetrics.FromRanks([4, 2, 7]).Values, metrics.Values);
    }

    /// <summary>The evaluator batches users by history length, trims windows where the model allows
    /// and runs batches side by side: none of that may move a rank against the plain computation
    /// (every user's full window through the model, one at a time).</summary>
    [Theory]
    [InlineData("fparec")]
    [InlineData("sasrec")]
    [InlineData("token_mixing")]
    public void Length_ordered_trimmed_batches_give_the_ranks_of_full_windows(string id)
    {
        var split = Sweeps.Recsys.Tests.Training.TinyTraining.Generated();
        using var model = TinyModels.Create(TinyModels.Options(id, maxLen: 24) with { Items = split.ItemCount });
        var users = split.EvaluatedUsers.Take(120).Reverse().ToArray();

        var ranks = new FullRankingEvaluator(split, batchSize: 7).Ranks(model, EvalStage.Test, users);

        model.eval();
        using var noGrad = Sweeps.Torch.torch.no_grad();
        var plain = users.Select(user =>
        {
            using var scope = Sweeps.Torch.torch.NewDisposeScope();
            var window = new long[24];
            var target = split.FillEvalWindow(user, EvalStage.Test, window) - 1;
            var last = model.call(Sweeps.Torch.torch.tensor(window, 1, 24)).select(1, 23);
            var scores = last.matmul(model.ItemTable.narrow(0, 1, split.ItemCount).t()).select(0, 0).data<float>();
            return (long)scores.Count(score => score > scores[target]);
        }).ToArray();
        Assert.Equal(plain, ranks);
        Assert.True(plain.Distinct().Count() > 5, "ranks should vary across users");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Evaluation_leaves_the_model_in_the_mode_it_found(bool training)
    {
        using var model = FixedScoreModel.Create(Scores, MaxLen);
        model.train(training);
        new FullRankingEvaluator(Split).Evaluate(model, EvalStage.Valid, Split.EvaluatedUsers);
        Assert.Equal(training, model.training);
    }
}
