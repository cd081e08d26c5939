using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Recsys.Training;

/// <summary>What a training run produced: the selected evaluation and the whole curve.</summary>
/// <param name="TestRanks">Per-user 0-based test ranks at the selected epoch, in the order of the
/// evaluated users; null only when resumed from a checkpoint written before ranks were kept.</param>
public sealed record TrainingOutcome(
    int SelectedEpoch,
    MetricSet Valid,
    MetricSet Test,
    long ParameterCount,
    double TrainSeconds,
    double EvalSeconds,
    ImmutableArray<EpochRecord> Curve,
    bool StoppedEarly,
    int[]? TestRanks = null);
