using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using Sweeps.Recsys.Tests.Models;
using Sweeps.Recsys.Training;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Training;

/// <summary>Cutting a step into shards (trimmed, length-ordered, weighted by their targets) must
/// leave the step's loss and gradient what the whole batch gives. Dropout is off so that the shards'
/// different dropout draws do not hide a wrong weighting.</summary>
[Collection(TorchCollection.Name)]
public sealed class ShardedStepTests
{
    private readonly LeaveOneOutSplit _split = TinyTraining.Generated();

    [Theory]
    [InlineData("fparec", 2)]
    [InlineData("sasrec", 3)]
    [InlineData("token_mixing", 2)]
    [InlineData("fixed_linear", 2)]
    public void A_sharded_step_has_the_loss_and_gradient_of_the_whole_batch(string model, int shards)
    {
        var (wholeLoss, whole) = OneStep(model, 1);
        var (shardedLoss, sharded) = OneStep(model, shards);
        Assert.Equal(wholeLoss, shardedLoss, 1e-5);
        Assert.Equal(whole.Length, sharded.Length);
        var largest = whole.Max(g => g.Max(Math.Abs));
        Assert.True(largest > 1e-3, "the gradient under test is not trivially small");
        for (var p = 0; p < whole.Length; p++)
            for (var i = 0; i < whole[p].Length; i++)
                Assert.True(Math.Abs(whole[p][i] - sharded[p][i]) <= 1e-5 + 1e-4 * Math.Abs(whole[p][i]),
                    $"parameter {p} element {i}: {whole[p][i]} vs {sharded[p][i]}");
    }

    private (double Loss, float[][] Gradients) OneStep(string model, int shards)
    {
        var modelOptions = TinyTraining.Model(model, _split) with { Dropout = 0, MaxLen = 30 };
        var options = TinyTraining.Options(epochs: 1) with { StepShards = shards, Batch = 128 };
        manual_seed(1);
        using var recommender = ModelFactory.Create(modelOptions);
        using var runner = new EpochRunner(recommender, _split, options, Device.CPU);
        var loss = runner.RunEpoch(1, CancellationToken.None, maxSteps: 1);
        using var scope = NewDisposeScope();
        return (loss, recommender.parameters().Select(p => p.grad!.data<float>()).ToArray());
    }
}
