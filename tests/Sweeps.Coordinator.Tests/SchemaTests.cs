using Microsoft.Data.Sqlite;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Store.Schema;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task A_new_store_is_at_the_latest_version_in_wal_mode()
    {
        await using var temp = new TempStore();
        Assert.Equal(SchemaMigrations.Latest, temp.Store.SchemaVersion);
        await using var connection = new SqliteConnection($"Data Source={temp.DbPath};Pooling=False");
        connection.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    [Fact]
    public async Task An_older_store_is_upgraded_keeping_its_data()
    {
        var job = Jobs.Make(seed: 5);
        var path = Path.Combine(Directory.CreateTempSubdirectory("sweeps-upgrade-").FullName, "sweeps.db");
        WriteVersion1Fixture(path, job);

        await using var upgraded = SweepStore.Open(path);

        Assert.Equal(SchemaMigrations.Latest, upgraded.SchemaVersion);
        var view = Assert.Single(await upgraded.ListJobsAsync("legacy"));
        Assert.Equal((job.Id, JobState.Pending, (double?)null), (view.Id, view.State, view.QueueWaitMs));
        // The columns version 2 added are usable.
        await upgraded.MarkQueuedAsync(job.Id, "t");
        var now = DateTimeOffset.UtcNow;
        await upgraded.ApplyStartedAsync(new Contracts.Attempts.JobStarted(job.Id, "t", "w", now, now));
        Assert.NotNull(Assert.Single(await upgraded.ListJobsAsync("legacy")).QueueWaitMs);
    }

    /// <summary>A database as a version-1 build left it: schema 1 and rows written with plain SQL.</summary>
    private static void WriteVersion1Fixture(string path, Contracts.Jobs.JobSpec job)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        SchemaMigrator.Upgrade(connection, targetVersion: 1);
        Assert.Equal(1, SchemaMigrator.CurrentVersion(connection));
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO sweeps (Id, SourceText, TunedJson, Cancelled, CreatedAtMs, UpdatedAtMs) VALUES ('legacy', 'name: legacy', '[]', 0, 1, 1);
            INSERT INTO jobs (Id, ConfigId, Dataset, Model, Seed, SpecJson, State, Attempts, CreatedAtMs)
                VALUES ($id, $config, $dataset, $model, $seed, $spec, 'Pending', 0, 1);
            INSERT INTO sweep_jobs (SweepId, JobId) VALUES ('legacy', $id);
            """;
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$config", job.ConfigId);
        command.Parameters.AddWithValue("$dataset", job.Dataset);
        command.Parameters.AddWithValue("$model", job.Model);
        command.Parameters.AddWithValue("$seed", job.Seed);
        command.Parameters.AddWithValue("$spec", job.ToCanonicalJson());
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_store_newer_than_the_build_is_refused()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sweeps-future-").FullName, "sweeps.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            SchemaMigrator.CurrentVersion(connection);
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO schema_version VALUES ({SchemaMigrations.Latest + 1}, 'future', 0)";
            command.ExecuteNonQuery();
        }
        Assert.Contains("newer than this build", Assert.Throws<StoreException>(() => SweepStore.Open(path)).Message);
    }
}
