using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using Sweeps.Recsys.Training;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Training;

/// <summary>Training runs of a few seconds on CPU: a generated dataset whose next item is the item two
/// steps back (learnable only from positions), and a model small enough to fit it quickly.</summary>
internal static class TinyTraining
{
    public const int Items = 40;

    public static LeaveOneOutSplit Generated(SyntheticRule rule = SyntheticRule.TwoStepsBack, int seed = 1) => LeaveOneOutSplit.Create(
        SyntheticDataset.Generate(users: 300, Items, minLength: 8, maxLength: 20, seed, rule, noise: 0.02));

    public static ModelOptions Model(string id, LeaveOneOutSplit split) => new()
    {
        Model = id,
        Items = split.ItemCount,
        MaxLen = 12,
        Hidden = 16,
        FfnInner = 16,
        K = 6,
        Dropout = 0.1,
    };

    public static TrainingOptions Options(int epochs, int seed = 1) => new()
    {
        Epochs = epochs,
        Batch = 64,
        LearningRate = 5e-3,
        EvalEvery = 10,
        Seed = seed,
    };

    /// <summary>Builds the model from the run's seed, as the training executor does, and trains it on CPU.</summary>
    public static TrainingOutcome Train(ModelOptions model, LeaveOneOutSplit split, TrainingOptions options,
        string? checkpointDir = null, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default,
        CancellationToken drain = default)
    {
        manual_seed(options.Seed);
        using var recommender = ModelFactory.Create(model);
        return new Trainer(recommender, split, options, Device.CPU).Run(checkpointDir, progress, cancellationToken, drain);
    }
}
