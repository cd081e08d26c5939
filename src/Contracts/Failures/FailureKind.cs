namespace Sweeps.Contracts.Failures;

/// <summary>Why an attempt ended without a result, which decides whether it is tried again.</summary>
public enum FailureKind
{
    /// <summary>I/O, a busy database, a lost connection: the same job may well succeed next time.</summary>
    Transient,

    /// <summary>Bad data, a non-finite loss, an invalid config: running it again gives the same failure.</summary>
    Deterministic,

    /// <summary>Stopped on purpose (shutdown or cancel); not a failure of the job.</summary>
    Interrupted,

    /// <summary>The device ran out of memory: the job may fit once fewer jobs share the device, so it
    /// is retried, and the worker that saw it runs fewer jobs at once on that device.</summary>
    OutOfMemory,

    /// <summary>The worker died or stopped reporting while running it. Not the job's fault, as a rule,
    /// so it does not count as an attempt; but a job whose workers are lost again and again may be
    /// what kills them, and is then given up (see the coordinator's lease options).</summary>
    WorkerLost,
}

public static class FailureKinds
{
    /// <summary>Whether an attempt that ended this way is tried again (within the job's attempt limit).</summary>
    public static bool IsRetried(this FailureKind kind) => kind is FailureKind.Transient or FailureKind.OutOfMemory;
}
