namespace Sweeps.Coordinator.Store.Schema;

/// <summary>Every schema version in order. A change to the schema is a new entry at the end, never an
/// edit of a shipped one: databases in the field are at some earlier version and upgrade step by step.</summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "sweeps, jobs, sweep links, results, epoch curves", """
            CREATE TABLE sweeps (
                Id TEXT NOT NULL PRIMARY KEY,
                SourceText TEXT NOT NULL,
                TunedJson TEXT NOT NULL,
                Cancelled INTEGER NOT NULL DEFAULT 0,
                CreatedAtMs INTEGER NOT NULL,
                UpdatedAtMs INTEGER NOT NULL);
            CREATE TABLE jobs (
                Id TEXT NOT NULL PRIMARY KEY,
                ConfigId TEXT NOT NULL,
                Dataset TEXT NOT NULL,
                Model TEXT NOT NULL,
                Seed INTEGER NOT NULL,
                SpecJson TEXT NOT NULL,
                State TEXT NOT NULL,
                Attempts INTEGER NOT NULL DEFAULT 0,
                AttemptToken TEXT NULL,
                LastError TEXT NULL,
                WorkerId TEXT NULL,
                CreatedAtMs INTEGER NOT NULL,
                QueuedAtMs INTEGER NULL,
                StartedAtMs INTEGER NULL,
                FinishedAtMs INTEGER NULL,
                HeartbeatAtMs INTEGER NULL,
                CurrentEpoch INTEGER NULL,
                TotalEpochs INTEGER NULL);
            CREATE INDEX ix_jobs_state_created ON jobs (State, CreatedAtMs);
            CREATE INDEX ix_jobs_config ON jobs (ConfigId);
            CREATE TABLE sweep_jobs (
                SweepId TEXT NOT NULL REFERENCES sweeps (Id) ON DELETE CASCADE,
                JobId TEXT NOT NULL REFERENCES jobs (Id),
                PRIMARY KEY (SweepId, JobId));
            CREATE INDEX ix_sweep_jobs_job ON sweep_jobs (JobId);
            CREATE TABLE results (
                JobId TEXT NOT NULL PRIMARY KEY REFERENCES jobs (Id),
                AttemptToken TEXT NOT NULL,
                SelectedEpoch INTEGER NOT NULL,
                ValidJson TEXT NOT NULL,
                TestJson TEXT NOT NULL,
                ParameterCount INTEGER NOT NULL,
                TrainSeconds REAL NOT NULL,
                Device TEXT NOT NULL,
                ManifestJson TEXT NOT NULL,
                RecordedAtMs INTEGER NOT NULL);
            CREATE TABLE epochs (
                JobId TEXT NOT NULL REFERENCES jobs (Id),
                Epoch INTEGER NOT NULL,
                Loss REAL NOT NULL,
                Seconds REAL NOT NULL,
                ValidJson TEXT NULL,
                TestJson TEXT NULL,
                PRIMARY KEY (JobId, Epoch));
            """),
        new(2, "per-job orchestration latencies (queue wait, start-up, reporting)", """
            ALTER TABLE jobs ADD COLUMN QueueWaitMs REAL NULL;
            ALTER TABLE jobs ADD COLUMN StartupMs REAL NULL;
            ALTER TABLE jobs ADD COLUMN ReportingMs REAL NULL;
            """),
        new(3, "per-user test ranks of a result, for paired significance tests", """
            ALTER TABLE results ADD COLUMN TestRanks BLOB NULL;
            """),
        new(4, "a sweep's request to keep its runs' final weights", """
            ALTER TABLE sweeps ADD COLUMN KeepWeights INTEGER NOT NULL DEFAULT 0;
            """),
        new(5, "attempt history with owners, replaced sweep revisions", """
            CREATE TABLE attempts (
                JobId TEXT NOT NULL REFERENCES jobs (Id),
                Token TEXT NOT NULL,
                Number INTEGER NOT NULL,
                Owner TEXT NOT NULL,
                WorkerId TEXT NULL,
                QueuedAtMs INTEGER NOT NULL,
                StartedAtMs INTEGER NULL,
                FinishedAtMs INTEGER NULL,
                Outcome TEXT NULL,
                Error TEXT NULL,
                PRIMARY KEY (JobId, Token));
            CREATE TABLE sweep_revisions (
                SweepId TEXT NOT NULL,
                Revision INTEGER NOT NULL,
                SourceText TEXT NOT NULL,
                ReplacedAtMs INTEGER NOT NULL,
                PRIMARY KEY (SweepId, Revision));
            CREATE TABLE sweep_revision_jobs (
                SweepId TEXT NOT NULL,
                Revision INTEGER NOT NULL,
                JobId TEXT NOT NULL,
                PRIMARY KEY (SweepId, Revision, JobId));
            """),
        new(6, "the order jobs entered the store, so jobs created together run in their sweep file's order", """
            ALTER TABLE jobs ADD COLUMN Sequence INTEGER NOT NULL DEFAULT 0;
            UPDATE jobs SET Sequence = rowid;
            DROP INDEX ix_jobs_state_created;
            CREATE INDEX ix_jobs_state_created ON jobs (State, CreatedAtMs, Sequence);
            """),
        new(7, "the device kind a sweep's jobs need", """
            ALTER TABLE sweeps ADD COLUMN DeviceKind TEXT NOT NULL DEFAULT 'any';
            """),
    ];

    public static int Latest => All[^1].Version;
}
