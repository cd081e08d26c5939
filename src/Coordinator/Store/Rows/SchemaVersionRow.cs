namespace Sweeps.Coordinator.Store.Rows;

/// <summary>One applied schema migration; the highest version is the database's schema version.</summary>
public sealed class SchemaVersionRow
{
    public int Version { get; set; }
    public required string Description { get; set; }
    public long AppliedAtMs { get; set; }
}
