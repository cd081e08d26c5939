using Sweeps.Recsys.Models;
using Sweeps.Recsys.Data;
using Sweeps.Contracts.Failures;
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

    /// <summary>More shards than cores: shards finish in varying order, and their gradients must
    /// still be summed in one order.</summary>
    [Fact]
    public void Three_shards_on_two_cores_give_the_same_outcome_twice()
    {
        var model = TinyTraining.Model("fparec", _split);
        var options = TinyTraining.Options(epochs: 4) with { EvalEvery = 2, StepShards = 3 };
        OutcomeAssert.Same(TinyTraining.Train(model, _split, options), TinyTraining.Train(model, _split, options));
    }

    /// <summary>Every shard and every evaluation batch runs on one core whatever the process's
    /// thread count, so a job gives the same numbers on one thread as on all of them.</summary>
    [Fact]
    public void The_outcome_does_not_depend_on_the_thread_count()
    {
        var model = TinyTraining.Model("sasrec", _split);
        var options = TinyTraining.Options(epochs: 4) with { EvalEvery = 2 };
        var threads = Sweeps.Torch.torch.get_num_threads();
        var expected = TinyTraining.Train(model, _split, options);
        Sweeps.Torch.torch.set_num_threads(threads > 1 ? 1 : 2);
        try
        {
            OutcomeAssert.Same(expected, TinyTraining.Train(model, _split, options));
        }
        finally
        {
            Sweeps.Torch.torch.set_num_threads(threads);
        }
    }

    [Fact]
    public void A_diverging_loss_stops_the_run_as_a_non_retryable_failure()
    {
        var options = TinyTraining.Options(epochs: 3) with { LearningRate = 1e30 };
        var error = Assert.Throws<NonFiniteLossException>(() => TinyTraining.Train(TinyTraining.Model("sasrec", _split), _split, options));
        Assert.Contains("at epoch 1", error.Message);
    }
}
