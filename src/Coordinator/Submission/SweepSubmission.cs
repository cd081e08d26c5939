using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Coordinator.Submission;

/// <summary>A sweep as the coordinator receives it: its name (its identity), the text it came from,
/// the dimensions chosen by validation, and its jobs — a lazy sequence, so a large grid is streamed
/// into the store rather than held in memory.</summary>
/// <param name="JobCount">How many jobs <paramref name="Jobs"/> yields, when known without expanding
/// it (a sweep file's grid size): the submission limit is checked against it before anything is written.</param>
/// <param name="Replace">Whether a different file may take over an existing sweep's name (the old job
/// list is kept as a revision).</param>
public sealed record SweepSubmission(string Name, string SourceText, IReadOnlyList<string> Tuned, IEnumerable<JobSpec> Jobs,
    long? JobCount = null, bool Replace = false)
{
    /// <summary>Its runs save their final weights beside the store (<c>keep: [weights]</c>).</summary>
    public bool KeepWeights { get; init; }

    /// <summary>The device kind its jobs need (<c>device: {kind: …}</c>).</summary>
    public DeviceKind Device { get; init; }
}

/// <summary>What a submission changed: how many jobs it names, how many are new to the store, how many
/// were already finished (and will not train again), and how many still have work to do.</summary>
public sealed record SubmitOutcome(string SweepId, int Total, int Added, int AlreadySucceeded, int Reactivated, int Outstanding,
    int? ReplacedRevision = null);
