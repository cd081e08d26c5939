namespace Sweeps.Coordinator.StateMachine;

/// <summary>Where a job is in its life. Stored as text so the database reads without this enum.</summary>
public enum JobState
{
    /// <summary>Waiting to be dispatched (new, retry due, or interrupted by a shutdown).</summary>
    Pending,

    /// <summary>Published to the queue; no worker has started it yet. Separate from Running so queue
    /// wait is measurable and a restart knows the message may be gone.</summary>
    Queued,

    Running,
    Succeeded,

    /// <summary>The last attempt failed; a retry is scheduled or the job is about to be dead-lettered.</summary>
    Failed,

    /// <summary>Gave up: a deterministic failure, or transient failures up to the attempt limit.</summary>
    DeadLettered,

    Cancelled,
}
