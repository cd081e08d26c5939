using System.Globalization;

namespace Sweeps.Coordinator.Store.Ownership;

/// <summary>The process that runs a store's jobs: its command, process id and host, and since when.</summary>
public sealed record StoreOwner(string Command, int ProcessId, string Host, DateTimeOffset Since)
{
    public static StoreOwner Current(string command) =>
        new(command, Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow);

    private const string SinceSeparator = " since ";

    /// <summary>Identifies this ownership in attempt rows: a process id alone is reused after a restart.</summary>
    public string Id => $"{this}{SinceSeparator}{Since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The readable part of an <see cref="Id"/>: "run (pid 12 on host)".</summary>
    public static string Describe(string id) => id.Split(SinceSeparator)[0];

    public override string ToString() => $"{Command} (pid {ProcessId} on {Host})";
}
