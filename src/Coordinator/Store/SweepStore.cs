using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Sweeps.Coordinator.Store.Ownership;
using Sweeps.Coordinator.Store.Schema;

namespace Sweeps.Coordinator.Store;

/// <summary>The only thing that knows SQL: sweeps, jobs, results and curves in one SQLite file (WAL).
/// Writes go through one connection, serialised by a gate: SQLite has one writer anyway, and
/// serialising here turns lock contention inside this process into plain queueing. Reads have their
/// own connection and gate, so a long submission never holds up a status query (WAL readers see the
/// last commit while a write transaction is open).</summary>
public sealed partial class SweepStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _readConnection;
    private readonly DbContextOptions<SweepsDbContext> _options;
    private readonly DbContextOptions<SweepsDbContext> _readOptions;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly ResiliencePipeline _busyRetry;
    private readonly TimeProvider _clock;
    private readonly StoreLock? _ownership;

    private SweepStore(SqliteConnection connection, SqliteConnection readConnection, TimeProvider clock, StoreLock? ownership)
    {
        (_connection, _readConnection, _clock, _ownership) = (connection, readConnection, clock, ownership);
        _options = Options(connection);
        _readOptions = Options(readConnection);
        _busyRetry = BuildBusyRetry();
    }

    /// <summary>A list of ids (the jobs a coordinator has in flight: hundreds in a cluster) goes to
    /// SQLite as one JSON parameter, so the statement is the same whatever its length and is prepared
    /// once, rather than one parameter per id and a statement built for every call.</summary>
    private static DbContextOptions<SweepsDbContext> Options(SqliteConnection connection) =>
        new DbContextOptionsBuilder<SweepsDbContext>()
            .UseSqlite(connection, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .Options;

    public string Path => _connection.DataSource;

    /// <summary>The process that runs this store's jobs, when this is it; recorded with each attempt.</summary>
    public StoreOwner? Owner => _ownership?.Owner;

    private string OwnerId => Owner?.Id ?? $"unowned {Environment.ProcessId}@{Environment.MachineName}";

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and upgrades its
    /// schema to <paramref name="schemaVersion"/> (the latest unless a test asks for an older one).</summary>
    /// <exception cref="StoreException">The file is not a store, is read-only or is a directory.</exception>
    public static SweepStore Open(string path, TimeProvider? clock = null, int? schemaVersion = null) =>
        OpenWritable(path, clock, schemaVersion, ownership: null);

    /// <summary>Takes ownership of the store for <paramref name="command"/>, then opens it: the way in
    /// for the process that runs jobs. A second one fails before touching the store.</summary>
    /// <exception cref="StoreInUseException">Another process owns the store.</exception>
    public static SweepStore OpenAsOwner(string path, string command, TimeProvider? clock = null)
    {
        var ownership = StoreLock.Acquire(path, command);
        try
        {
            return OpenWritable(path, clock, null, ownership);
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing store for reading only: what `status`, `logs` and reports use, also
    /// while another process runs the store's jobs. A store at an older schema is upgraded first when
    /// no process owns it.</summary>
    /// <exception cref="StoreException">No store there, not a store, or too old while owned.</exception>
    public static SweepStore OpenReadOnly(string path, TimeProvider? clock = null)
    {
        if (Directory.Exists(path)) throw IsDirectory(path);
        if (!File.Exists(path)) throw new StoreException($"no store at {path}: pass --store, or run a sweep first");
        var connection = Connect(path, SqliteOpenMode.ReadOnly);
        try
        {
            var version = ReadOnlyVersion(path, connection);
            if (version > SchemaMigrations.Latest)
                throw new StoreException($"store {path} is at schema version {version}, newer than this sweeps understands ({SchemaMigrations.Latest}): upgrade sweeps");
            if (version < SchemaMigrations.Latest)
            {
                connection.Dispose();
                if (StoreLock.IsHeld(path))
                    throw new StoreException($"store {path} is at schema version {version}, older than this sweeps ({SchemaMigrations.Latest}), and {StoreLock.ReadOwner(path)?.ToString() ?? "another process"} is running it: use the sweeps that runs it, or wait");
                using (var ownership = StoreLock.Acquire(path, "upgrade"))
                    OpenWritable(path, clock, null, null).DisposeAsync().AsTask().GetAwaiter().GetResult();
                connection = Connect(path, SqliteOpenMode.ReadOnly);
            }
            return new SweepStore(connection, connection, clock ?? TimeProvider.System, null);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Explain(path, e);
        }
    }

    private static SweepStore OpenWritable(string path, TimeProvider? clock, int? schemaVersion, StoreLock? ownership)
    {
        if (Directory.Exists(path)) throw IsDirectory(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        SqliteConnection? connection = null;
        try
        {
            connection = Connect(path, SqliteOpenMode.ReadWriteCreate);
            using (var pragmas = connection.CreateCommand())
            {
                // WAL lets `sweeps status` read while a run writes; NORMAL sync is durable across process
                // crashes (only a power loss can drop the last commits), which is the failure that matters here.
                pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
                pragmas.ExecuteNonQuery();
            }
            try { SchemaMigrator.Upgrade(connection, schemaVersion ?? SchemaMigrations.Latest); }
            catch (InvalidOperationException e) { throw new StoreException($"store {path}: {e.Message}", e); }
            return new SweepStore(connection, Connect(path, SqliteOpenMode.ReadOnly), clock ?? TimeProvider.System, ownership);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw Explain(path, e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout=5000;";
        busy.ExecuteNonQuery();
        return connection;
    }

    private static int ReadOnlyVersion(string path, SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt32(command.ExecuteScalar()) == 0)
            throw new StoreException($"{path} is not a Sweeps store (it has no schema_version table): check --store");
        command.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    private static StoreException IsDirectory(string path) =>
        new($"store {path} is a directory: pass a file such as {System.IO.Path.Combine(path, "sweeps.db")}");

    private static StoreException Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        26 => new StoreException($"{path} is not a Sweeps store (not an SQLite database): check --store", e),
        8 => new StoreException($"store {path} is read-only: running jobs needs write access to it and its directory (status and logs work read-only)", e),
        14 => new StoreException($"cannot open store {path}: check that it and its directory exist and are readable", e),
        11 => new StoreException($"store {path} is damaged (SQLite says: {e.Message.Split('\n')[0]}): restore it from a copy", e),
        _ => new StoreException($"cannot use store {path}: {e.Message.Split('\n')[0]}", e),
    };

    public int SchemaVersion
    {
        get
        {
            using var command = _readConnection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM schema_version";
            return Convert.ToInt32(command.ExecuteScalar());
        }
    }

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T> WithContextAsync<T>(Func<SweepsDbContext, Task<T>> operation, CancellationToken cancellationToken) =>
        UnderGateAsync(_gate, _options, operation, cancellationToken);

    private Task<T> WithReadContextAsync<T>(Func<SweepsDbContext, Task<T>> operation, CancellationToken cancellationToken) =>
        UnderGateAsync(_readGate, _readOptions, operation, cancellationToken);

    private async Task<T> UnderGateAsync<T>(SemaphoreSlim gate, DbContextOptions<SweepsDbContext> options,
        Func<SweepsDbContext, Task<T>> operation, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _busyRetry.ExecuteAsync(async ct =>
            {
                await using var db = new SweepsDbContext(options);
                return await operation(db).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Another process (a `sweeps status`, a `sweeps cancel`) can hold the write lock
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
        if (!ReferenceEquals(_readConnection, _connection)) await _readConnection.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _ownership?.Dispose();
        _gate.Dispose();
        _readGate.Dispose();
    }
}
