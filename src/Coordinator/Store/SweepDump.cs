using Sweeps.Coordinator.Store.Rows;

namespace Sweeps.Coordinator.Store;

/// <summary>Everything the store holds about one sweep, row for row: what export writes and import
/// restores. Jobs with a result come first in the order their results were recorded, the others after
/// in creation order, so a later dump of a growing sweep extends an earlier one.</summary>
public sealed record SweepDump(SweepRow Sweep, IReadOnlyList<JobDump> Jobs);

/// <summary>One job with its result and training curve, when it has them.</summary>
public sealed record JobDump(JobRow Job, ResultRow? Result, IReadOnlyList<EpochRow> Curve);

/// <summary>What an import changed.</summary>
/// <param name="SweepCreated">False when the store already had the sweep: its definition is kept and the
/// imported jobs are linked to it.</param>
/// <param name="JobsAdded">Jobs the store did not have.</param>
/// <param name="ResultsRestored">Results written, whether the job was new or waiting to run.</param>
/// <param name="ResultsKept">Results the store already had, left as they were.</param>
public sealed record ImportOutcome(string SweepId, bool SweepCreated, int Jobs, int JobsAdded, int ResultsRestored, int ResultsKept);
