namespace Sweeps.Contracts.Jobs;

/// <summary>A heartbeat from a running job: where training is, for live progress and ETAs.</summary>
/// <param name="ValidNdcg10">The last validation NDCG@10, when an evaluation has run.</param>
public sealed record JobProgress(int Epoch, int TotalEpochs, double Loss, double? ValidNdcg10);
