using System.Text.Json;

namespace Sweeps.Coordinator.Exchange;

/// <summary>The first line of an export: the sweep as submitted. <see cref="Format"/> names the layout so
/// a later layout can still read this one.</summary>
internal sealed record SweepLine(string Format, string Sweep, IReadOnlyList<string> Tuned, bool Cancelled,
    long CreatedAtMs, long UpdatedAtMs, string Source);

/// <summary>One job per line. A job still waiting carries only what does not change while it runs (its
/// spec, state, attempts, last error, creation time), so its line changes once more, when it finishes.</summary>
/// <param name="Spec">The job's canonical JSON: its id is recomputed from it on import.</param>
internal sealed record JobLine(
    string Job,
    string State,
    JsonElement Spec,
    int Attempts,
    long CreatedAtMs,
    string? Error = null,
    string? Worker = null,
    long? QueuedAtMs = null,
    long? StartedAtMs = null,
    long? FinishedAtMs = null,
    int? TotalEpochs = null,
    double? QueueWaitMs = null,
    double? StartupMs = null,
    double? ReportingMs = null,
    ResultLine? Result = null,
    IReadOnlyList<EpochLine>? Curve = null);

/// <param name="TestRanks">Per-user test ranks, as the store keeps them (deflated varints), in base64.</param>
internal sealed record ResultLine(
    string AttemptToken,
    int SelectedEpoch,
    IReadOnlyDictionary<string, double> Valid,
    IReadOnlyDictionary<string, double> Test,
    long ParameterCount,
    double TrainSeconds,
    string Device,
    JsonElement Manifest,
    long RecordedAtMs,
    byte[]? TestRanks = null);

internal sealed record EpochLine(int Epoch, double Loss, double Seconds,
    IReadOnlyDictionary<string, double>? Valid = null, IReadOnlyDictionary<string, double>? Test = null);
