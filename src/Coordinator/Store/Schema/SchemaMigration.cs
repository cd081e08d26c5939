namespace Sweeps.Coordinator.Store.Schema;

/// <summary>One step of the schema: the DDL that takes version <c>Version - 1</c> to <c>Version</c>.</summary>
public sealed record SchemaMigration(int Version, string Description, string Sql);
