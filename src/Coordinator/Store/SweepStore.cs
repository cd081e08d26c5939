using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Sweeps.Coordinator.Store.Schema;

namespace Sweeps.Coordinator.Store;

/// <summary>The only thing that knows SQL: sweeps, jobs, results and curves in one SQLite file (WAL).
/// One connection per store, operations serialised by a gate: SQLite has one writer anyway, and
/// serialising here turns lock contention inside this process into plain queueing.</summary>
public sealed partial class SweepStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<SweepsDbContext> _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ResiliencePipeline _busyRetry;
    private readonly TimeProvider _clock;

    private SweepStore(SqliteConnection connection, TimeProvider clock)
    {
        _connection = connection;
        _clock = clock;
        _options = new DbContextOptionsBuilder<SweepsDbContext>().UseSqlite(connection).Options;
        _busyRetry = BuildBusyRetry();
    }

    public string Path => _connection.DataSource;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and upgrades its
    /// schema to <paramref name="schemaVersion"/> (the latest unless a test asks for an older one).</summary>
    public static SweepStore Open(string path, TimeProvider? clock = null, int? schemaVersion = null)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            // WAL lets `sweeps status` read while a run writes; NORMAL sync is durable across process
            // crashes (only a power loss can drop the last commits), which is the failure that matters here.
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
            pragmas.ExecuteNonQuery();
        }
        SchemaMigrator.Upgrade(connection, schemaVersion ?? SchemaMigrations.Latest);
        return new SweepStore(connection, clock ?? TimeProvider.System);
    }

    public int SchemaVersion => SchemaMigrator.CurrentVersion(_connection);

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<T> WithContextAsync<T>(Func<SweepsDbContext, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _busyRetry.ExecuteAsync(async ct =>
            {
                await using var db = new SweepsDbContext(_options);
                return await operation(db).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Another process (a `sweeps status`, a second coordinator) can hold the write lock
    /// beyond the busy timeout, or a WAL snapshot can go stale (which SQLite never waits out):
    /// both pass, so they are retried with backoff rather than failing the operation.</summary>
    private static ResiliencePipeline BuildBusyRetry() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SqliteException>(e => e.SqliteErrorCode is 5 or 6),
            MaxRetryAttempts = 6,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
