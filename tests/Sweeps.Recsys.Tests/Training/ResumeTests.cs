using Sweeps.Recsys.Data;
using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Tests.Models;
using Sweeps.Recsys.Training;

namespace Sweeps.Recsys.Tests.Training;

/// <summary>A run continued from its checkpoint ends exactly where an uninterrupted run ends: the
/// trainer reseeds sampler and dropout at every epoch, and the checkpoint holds weights, Adam moments
/// and the curve so far. Dropout is on, so a lost generator state would show.</summary>
[Collection(TorchCollection.Name)]
public sealed class ResumeTests : IDisposable
{
    private readonly string _checkpoints = Directory.CreateTempSubdirectory("sweeps-resume-").FullName;
    private readonly LeaveOneOutSplit _split = TinyTraining.Generated();
    private readonly TrainingOptions _options = TinyTraining.Options(epochs: 6) with { EvalEvery = 2 };

    public void Dispose() => Directory.Delete(_checkpoints, recursive: true);

    [Fact]
    public void A_run_cancelled_after_an_evaluation_resumes_to_the_uninterrupted_result()
    {
        var model = TinyTraining.Model("sasrec", _split);
        var uninterrupted = TinyTraining.Train(model, _split, _options);

        using var cancellation = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            TinyTraining.Train(model, _split, _options, _checkpoints, new CancelAfterEpoch(4, cancellation), cancellation.Token));
        Assert.Equal(4, TrainingCheckpoint.Load(_checkpoints)?.Epoch);

        OutcomeAssert.Same(uninterrupted, TinyTraining.Train(model, _split, _options, _checkpoints));
    }

    [Fact]
    public void A_run_drained_between_evaluations_checkpoints_that_epoch_and_resumes_to_the_uninterrupted_result()
    {
        var model = TinyTraining.Model("fparec", _split);
        var uninterrupted = TinyTraining.Train(model, _split, _options);

        using var drain = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            TinyTraining.Train(model, _split, _options, _checkpoints, new CancelAfterEpoch(3, drain), drain: drain.Token));
        // Epoch 3 is not an evaluation epoch (every 2nd is): only draining writes it.
        Assert.Equal(3, TrainingCheckpoint.Load(_checkpoints)?.Epoch);

        OutcomeAssert.Same(uninterrupted, TinyTraining.Train(model, _split, _options, _checkpoints));
    }

    [Fact]
    public void A_finished_run_extended_to_more_epochs_matches_a_run_that_had_them_from_the_start()
    {
        // Equivalent only because the shorter run ends on a regular evaluation epoch.
        var model = TinyTraining.Model("parec", _split);
        var uninterrupted = TinyTraining.Train(model, _split, _options);

        TinyTraining.Train(model, _split, _options with { Epochs = 4 }, _checkpoints);

        OutcomeAssert.Same(uninterrupted, TinyTraining.Train(model, _split, _options, _checkpoints));
    }

    /// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>), so the run sees the
    /// cancellation before it starts the next epoch.</summary>
    private sealed class CancelAfterEpoch(int epoch, CancellationTokenSource cancellation) : IProgress<JobProgress>
    {
        public void Report(JobProgress value)
        {
            if (value.Epoch == epoch) cancellation.Cancel();
        }
    }
}
