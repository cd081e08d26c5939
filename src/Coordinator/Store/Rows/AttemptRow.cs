namespace Sweeps.Coordinator.Store.Rows;

/// <summary>One dispatch of a job: who dispatched it (the store's owner then), which worker ran it,
/// and how it ended. A job's attempts are its log; recovery closes only those whose owner is gone.</summary>
public sealed class AttemptRow
{
    public required string Token { get; set; }
    public required string JobId { get; set; }
    /// <summary>1, 2, … in the order the job was dispatched, counting every attempt, also those not
    /// counted against the job (its <c>Attempts</c>).</summary>
    public int Number { get; set; }
    public required string Owner { get; set; }
    public string? WorkerId { get; set; }
    public long QueuedAtMs { get; set; }
    public long? StartedAtMs { get; set; }
    public long? FinishedAtMs { get; set; }

    /// <summary>Null while open; then an <see cref="AttemptOutcomes"/> value.</summary>
    public string? Outcome { get; set; }
    public string? Error { get; set; }
}

/// <summary>How an attempt ended, as stored (text, so the database reads without this code).</summary>
public static class AttemptOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
    public const string WorkerLost = "worker lost";
    public const string Cancelled = "cancelled";
}
