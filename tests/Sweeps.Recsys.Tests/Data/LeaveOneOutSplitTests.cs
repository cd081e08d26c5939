using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class LeaveOneOutSplitTests
{
    // user 0: six items; user 1: two (train only, trainable); user 2: one (nothing);
    // user 3: three (evaluated, but a single training item so not trainable).
    private static readonly LeaveOneOutSplit Split = LeaveOneOutSplit.Create(
        InteractionDataset.FromSequences([[11, 12, 13, 14, 15, 16], [21, 22], [23], [31, 32, 33]], itemCount: 40));

    [Fact]
    public void UserSets()
    {
        Assert.Equal([0, 1], Split.TrainableUsers);
        Assert.Equal([0, 3], Split.EvaluatedUsers);
        Assert.Equal(40, Split.ItemCount);
        Assert.Equal([11, 12, 13, 14], Split.Train(0).ToArray());
        Assert.Equal([21, 22], Split.Train(1).ToArray());
    }

    [Fact]
    public void TrainingWindowIsLeftPaddedAndShiftedByOne()
    {
        var input = new long[] { 9, 9, 9, 9, 9 };
        var target = new long[] { 9, 9, 9, 9, 9 };

        Split.FillTrainingWindow(0, input, target);

        Assert.Equal([0, 0, 11, 12, 13], input);
        Assert.Equal([0, 0, 12, 13, 14], target);
    }

    [Fact]
    public void TrainingWindowKeepsTheMostRecentItemsWhenTooLong()
    {
        var input = new long[2];
        var target = new long[2];

        Split.FillTrainingWindow(0, input, target);

        Assert.Equal([12, 13], input);
        Assert.Equal([13, 14], target);
    }

    [Fact]
    public void UserWithoutEvaluationTrainsOnEverything()
    {
        var input = new long[3];
        var target = new long[3];

        Split.FillTrainingWindow(1, input, target);

        Assert.Equal([0, 0, 21], input);
        Assert.Equal([0, 0, 22], target);
    }

    [Fact]
    public void EvalWindows()
    {
        var input = new long[] { 7, 7, 7, 7, 7, 7 };

        Assert.Equal(15, Split.FillEvalWindow(0, EvalStage.Valid, input));
        Assert.Equal([0, 0, 11, 12, 13, 14], input);

        Assert.Equal(16, Split.FillEvalWindow(0, EvalStage.Test, input));
        Assert.Equal([0, 11, 12, 13, 14, 15], input);

        var shortInput = new long[3];
        Assert.Equal(16, Split.FillEvalWindow(0, EvalStage.Test, shortInput));
        Assert.Equal([13, 14, 15], shortInput);

        Assert.Equal(32, Split.FillEvalWindow(3, EvalStage.Valid, shortInput));
        Assert.Equal([0, 0, 31], shortInput);
        Assert.Equal(33, Split.FillEvalWindow(3, EvalStage.Test, shortInput));
        Assert.Equal([0, 31, 32], shortInput);
    }

    [Fact]
    public void MisuseIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Split.FillTrainingWindow(3, new long[4], new long[4]));
        Assert.Throws<ArgumentException>(() => Split.FillTrainingWindow(0, new long[4], new long[3]));
        Assert.Throws<ArgumentException>(() => Split.FillEvalWindow(1, EvalStage.Test, new long[4]));
    }
}
