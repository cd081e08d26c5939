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
}
