using Microsoft.Data.Sqlite;

namespace Sweeps.Coordinator.Store.Schema;

/// <summary>Brings a database to a schema version by applying the missing migrations in order, each in
/// its own transaction together with its row in <c>schema_version</c>, so a crash mid-upgrade leaves
/// the database at the last complete version.</summary>
public static class SchemaMigrator
{
    private const string VersionTableSql = """
        CREATE TABLE IF NOT EXISTS schema_version (
            Version INTEGER NOT NULL PRIMARY KEY,
            Description TEXT NOT NULL,
            AppliedAtMs INTEGER NOT NULL);
        """;

    public static int CurrentVersion(SqliteConnection connection)
    {
        Execute(connection, VersionTableSql, transaction: null);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <returns>The migrations applied, in order.</returns>
    public static IReadOnlyList<SchemaMigration> Upgrade(SqliteConnection connection, int targetVersion)
    {
        var current = CurrentVersion(connection);
        if (current > SchemaMigrations.Latest)
            throw new InvalidOperationException(
                $"the store is at schema version {current}, newer than this build understands ({SchemaMigrations.Latest}); upgrade sweeps");
        var applied = new List<SchemaMigration>();
        foreach (var migration in SchemaMigrations.All.Where(m => m.Version > current && m.Version <= targetVersion))
        {
            // Immediate: takes the write lock, so the version read next is final for this step.
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_version WHERE Version = $v";
                check.Parameters.AddWithValue("$v", migration.Version);
                // Another process opening the same new store applied it meanwhile.
                if (Convert.ToInt32(check.ExecuteScalar()) > 0) continue;
            }
            Execute(connection, migration.Sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (Version, Description, AppliedAtMs) VALUES ($v, $d, $t)";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
            transaction.Commit();
            applied.Add(migration);
        }
        return applied;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
