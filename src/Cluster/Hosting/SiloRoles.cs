namespace Sweeps.Cluster.Hosting;

/// <summary>What a silo does, published in its silo metadata so placement and
/// <c>sweeps doctor</c> can read it from any silo.</summary>
[Flags]
public enum SiloRoles
{
    None = 0,

    /// <summary>Holds the store, dispatches and keeps leases; exactly one per cluster.</summary>
    Coordinator = 1,

    /// <summary>Leases jobs and trains them.</summary>
    Worker = 2,
}

/// <summary>The silo-metadata keys Sweeps publishes.</summary>
public static class SiloMetadataKeys
{
    /// <summary>Comma-separated lower-case roles: <c>coordinator</c>, <c>worker</c> or both.</summary>
    public const string Roles = "sweeps.roles";

    public const string Devices = "sweeps.devices";

    public const string Slots = "sweeps.slots";

    public static string Format(SiloRoles roles) =>
        string.Join(",", Enum.GetValues<SiloRoles>().Where(r => r != SiloRoles.None && roles.HasFlag(r)).Select(r => r.ToString().ToLowerInvariant()));

    public static SiloRoles Parse(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Aggregate(SiloRoles.None, (roles, name) => roles | (Enum.TryParse<SiloRoles>(name, ignoreCase: true, out var role) ? role : SiloRoles.None));
}
