using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Recsys.Training;

/// <summary>What a training run produced: the selected evaluation and the whole curve.</summary>
public sealed record TrainingOutcome(
    int SelectedEpoch,
    MetricSet Valid,
    MetricSet Test,
    long ParameterCount,
    double TrainSeconds,
    double EvalSeconds,
    ImmutableArray<EpochRecord> Curve,
    bool StoppedEarly);
