using System.Collections.Immutable;

namespace Sweeps.Contracts.Jobs;

/// <summary>Metrics of one evaluation pass, keyed by name: hr@10, ndcg@10, hr@20, ndcg@20, mrr.</summary>
public sealed record MetricSet(ImmutableSortedDictionary<string, double> Values)
{
    public double this[string name] => Values[name];
}

/// <summary>One point of a training curve: the epoch's mean loss, and validation metrics when the
/// epoch ended with an evaluation.</summary>
public sealed record EpochRecord(int Epoch, double Loss, double Seconds, MetricSet? Valid, MetricSet? Test);

/// <summary>What a worker reports for a finished job. Ingestion is idempotent by <see cref="JobId"/>.</summary>
/// <param name="TestRanks">The 0-based test rank of each evaluated user at the selected epoch, in the
/// order of the evaluated users (the same for every run of a dataset and seed), for paired significance
/// tests; null where the executor does not rank users.</param>
public sealed record RunResult(
    string JobId,
    int SelectedEpoch,
    MetricSet Valid,
    MetricSet Test,
    long ParameterCount,
    double TrainSeconds,
    string Device,
    ImmutableArray<EpochRecord> Curve,
    RunManifest Manifest,
    int[]? TestRanks = null);

/// <summary>Enough to rerun a job and to know what produced a number.</summary>
public sealed record RunManifest(
    string CodeVersion,
    string DatasetHash,
    string ResolvedConfigJson,
    int Seed,
    string Device,
    string TorchVersion);
