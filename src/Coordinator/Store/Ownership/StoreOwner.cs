using System.Globalization;

namespace Sweeps.Coordinator.Store.Ownership;

/// <summary>The process that runs a store's jobs: its command, process id and host, and since when.</summary>
public sealed record StoreOwner(string Command, int ProcessId, string Host, DateTimeOffset Since)
{
    public static StoreOwner Current(string command) =>
        new(command, Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow);

    /// <summary>Identifies this ownership in attempt rows: a process id alone is reused after a restart.</summary>
    public string Id => $"{Command} {ProcessId}@{Host} {Since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Command} (pid {ProcessId} on {Host})";
}
