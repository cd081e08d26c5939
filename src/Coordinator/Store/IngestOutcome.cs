namespace Sweeps.Coordinator.Store;

/// <summary>What the store did with a worker's event.</summary>
public enum IngestOutcome
{
    Accepted,

    /// <summary>The job already has its result; a redelivered or repeated report changes nothing.</summary>
    Duplicate,

    /// <summary>The event answers an attempt that is no longer the job's current one.</summary>
    Stale,
}
