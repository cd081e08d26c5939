using Sweeps.Recsys.Models;
using Sweeps.Recsys.Data;
using Sweeps.Contracts.Queue;
using Sweeps.Recsys.Tests.Models;

namespace Sweeps.Recsys.Tests.Training;

/// <summary>One seed, one result: sweeps compare configurations over seeds and rerun jobs from
/// their manifests, so a run must be reproducible bit for bit on CPU.</summary>
[Collection(TorchCollection.Name)]
public sealed class DeterminismTests
{
    private readonly LeaveOneOutSplit _split = TinyTraining.Generated();

    /// <summary>Every model of the zoo, so a new mixer is covered the day it is registered.</summary>
    public static TheoryData<string> Models => new(ModelFactory.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void The_same_seed_gives_the_same_outcome_and_another_seed_another(string id)
    {
        var model = TinyTraining.Model(id, _split);
        var options = TinyTraining.Options(epochs: 4) with { EvalEvery = 2 };

        var first = TinyTraining.Train(model, _split, options);
        OutcomeAssert.Same(first, TinyTraining.Train(model, _split, options));

        var other = TinyTraining.Train(model, _split, options with { Seed = 2 });
        Assert.NotEqual(first.Curve.Select(r => r.Loss), other.Curve.Select(r => r.Loss));
    }

    [Fact]
    public void A_diverging_loss_stops_the_run_as_a_non_retryable_failure()
    {
        var options = TinyTraining.Options(epochs: 3) with { LearningRate = 1e30 };
        var error = Assert.Throws<NonFiniteLossException>(() => TinyTraining.Train(TinyTraining.Model("sasrec", _split), _split, options));
        Assert.Contains("at epoch 1", error.Message);
    }
}
