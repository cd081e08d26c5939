namespace Sweeps.Cli;

/// <summary>The exit status of every `sweeps` command, one meaning each (listed in docs/exit-codes.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran, but some of its work did not succeed (jobs failed or dead-lettered, a check failed).</summary>
    public const int Incomplete = 1;

    /// <summary>Bad command line: unknown option, missing argument, value out of range.</summary>
    public const int Usage = 2;

    /// <summary>A sweep file, dataset or other input is invalid or missing, or a submission was refused.</summary>
    public const int BadInput = 3;

    /// <summary>Another process owns the store.</summary>
    public const int StoreInUse = 4;

    /// <summary>The store cannot be used: missing, not a store, read-only, damaged, newer schema.</summary>
    public const int StoreUnusable = 5;

    /// <summary>The named sweep or job is not in the store.</summary>
    public const int NotFound = 6;

    /// <summary>An address to listen on is taken or invalid, or the coordinator's API cannot be reached.</summary>
    public const int Network = 7;

    /// <summary>A large expansion needs confirmation (--yes).</summary>
    public const int NeedsConfirmation = 8;

    /// <summary>A bug: an error nobody anticipated. Rerun with --verbose and report it.</summary>
    public const int Internal = 70;

    /// <summary>Stopped by a second SIGINT/SIGTERM, or the first one's grace period ran out.</summary>
    public const int Interrupted = 130;
}
