using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Sweeps.Cluster.Hosting;

/// <summary>Puts the Redis membership table back when Redis lost it (restarted without persistence,
/// flushed, failed over to an empty replica). Orleans creates the table only when a silo starts: silos
/// already running keep failing to refresh it and to renew their own row, cannot declare a dead silo
/// dead, and a silo that starts meanwhile creates a table holding only itself, so it never sees the
/// coordinator. The cluster would not heal on its own.
/// <para>Each silo keeps a copy of the table's rows as it last read them. When its own row is missing
/// while it is active, it writes the copied rows back in one atomic step, leaving rows written since
/// (a silo that joined meanwhile) as they are, under a table version above any it has seen, so every
/// silo takes the restored table as newer than its view. Silos that died meanwhile come back as
/// active and are then declared dead by the usual probes.</para>
/// <para>The first silo to write the table back may hold an older copy than the others (its check was
/// starved of CPU, or a silo joined less than a check ago): without a silo that joined later, or with
/// it still joining. So every silo also writes back the rows of its copy that the table lacks while
/// they are active, or holds at an earlier status: Orleans never deletes an active silo's row (it
/// removes only rows of silos long dead), and a silo's status only moves forward (joining, active,
/// shutting down, stopping, dead), so such a row was lost or set back with the table. The restored
/// table is then the union of every live silo's copy, each row at its latest status.</para>
/// <para>The copy is refreshed every <see cref="CheckInterval"/>, and at once when this silo becomes
/// active or Orleans reads a newer table, so that a silo that joined just before the loss is in the
/// copies, its own included. The restoring is done then and also before Orleans sees a read of the
/// table (<see cref="GuardedMembershipTable"/>), because Orleans stops a silo at once when a read no
/// longer lists it.</para></summary>
public sealed class MembershipTableGuard(
    IOptions<RedisClusteringOptions> redis, IOptions<ClusterOptions> cluster, ILocalSiloDetails silo,
    ILogger<MembershipTableGuard> logger) : BackgroundService
{
    /// <summary>How often the table is read; the table is a few rows, so this costs nothing.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The field Orleans keeps the table version in; every other field is a silo's row.</summary>
    private const string VersionField = "Version";

    // KEYS[1]: the table; ARGV[1]: the lowest version to write; ARGV[2..]: field, row, status, field, row, status …
    // Writes each row the table lacks or holds at an earlier status and, when it wrote one, a version
    // above the table's and ARGV[1]. Returns the new version, or 0 when every row was there already, at
    // its status or a later one (another silo wrote them back). A row it cannot read is left alone.
    private const string RestoreScript = """
        local written = 0
        for i = 2, #ARGV, 3 do
          local current = redis.call('HGET', KEYS[1], ARGV[i])
          local behind = not current
          if current then
            local ok, row = pcall(cjson.decode, current)
            behind = ok and type(row) == 'table' and type(row['Status']) == 'number' and row['Status'] < tonumber(ARGV[i + 2])
          end
          if behind then
            redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            written = written + 1
          end
        end
        if written == 0 then return 0 end
        local current = tonumber(redis.call('HGET', KEYS[1], 'Version') or '0') or 0
        local version = math.max(current + 1, tonumber(ARGV[1]))
        redis.call('HSET', KEYS[1], 'Version', string.format('%d', version))
        return version
        """;

    // The periodic check and a guarded read may both find the row missing; one restores, the other sees it back.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _self = silo.SiloAddress.ToString();
    private Task<(IConnectionMultiplexer Connection, bool Shared)>? _connecting;
    private HashEntry[] _rows = [];
    private long _version;
    private long _versionSeen;
    private volatile bool _active;

    /// <summary>This silo wrote its own row with <paramref name="status"/>: only an active silo's row is
    /// restored, and a silo that has just become active takes its copy at once.</summary>
    internal void OwnStatusWritten(SiloStatus status)
    {
        _active = status == SiloStatus.Active;
        if (_active) _ = CheckQuietlyAsync();
    }

    /// <summary>Orleans read or wrote the table at <paramref name="version"/>: a restored table must be newer,
    /// and a table newer than the copy (a silo joined, or changed status) is copied at once.</summary>
    internal void VersionSeen(long version)
    {
        long seen;
        do seen = Interlocked.Read(ref _versionSeen);
        while (version > seen && Interlocked.CompareExchange(ref _versionSeen, version, seen) != seen);
        if (version > Interlocked.Read(ref _version) && _rows.Length > 0) _ = CheckQuietlyAsync();
    }

    /// <summary>Reads the table: keeps a copy when this silo's row is there (after writing back the rows
    /// of the last copy that the table lost while active, or set back to an earlier status), writes the
    /// copy back when it is not while this silo is active. True when the row is in the table now, whether
    /// it was there (another silo may have just written it back) or this call wrote it. Throws when Redis
    /// is away.</summary>
    internal async Task<bool> CheckAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var db = (await ConnectAsync().ConfigureAwait(false)).GetDatabase();
            var table = redis.Value.CreateRedisKey(cluster.Value);
            var all = await db.HashGetAllAsync(table).ConfigureAwait(false);
            var rows = all.Where(e => e.Name != VersionField).ToDictionary(e => e.Name.ToString(), e => e.Value);
            if (rows.ContainsKey(_self))
            {
                HashEntry[] behind = [.. _rows.Where(row => IsBehind(rows.TryGetValue(row.Name.ToString(), out var current) ? current : (RedisValue?)null, row.Value))];
                if (behind.Length > 0 && await WriteBackAsync(db, table, behind).ConfigureAwait(false) is var version and > 0)
                    logger.LogWarning("the membership table in Redis had lost the row(s) of {Silos}, or held them at an earlier status than this silo last read (written back from an older copy?): wrote them back, at table version {Version}",
                        string.Join(", ", behind.Select(row => row.Name)), version);
                foreach (var row in behind) rows[row.Name.ToString()] = row.Value;
                _rows = [.. rows.Select(row => new HashEntry(row.Key, row.Value))];
                Interlocked.Exchange(ref _version, all.Where(e => e.Name == VersionField).Select(e => long.TryParse(e.Value.ToString(), out var v) ? v : 0).FirstOrDefault());
                return true;
            }
            // Not in the table yet (joining), or no longer (declared dead and stopping): nothing to restore.
            if (_rows.Length == 0 || !_active) return false;
            var restored = await WriteBackAsync(db, table, _rows).ConfigureAwait(false);
            if (restored == 0) return true; // written back by another silo between the two reads
            logger.LogWarning("the membership table in Redis had lost this silo's row (Redis restarted empty?): wrote back {Rows} row(s) as last read, at table version {Version}",
                _rows.Length, restored);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the <paramref name="rows"/> the table lacks, under a version above any this silo has
    /// seen; the new version, or 0 when the table had them all.</summary>
    private async Task<long> WriteBackAsync(IDatabase db, RedisKey table, HashEntry[] rows)
    {
        var floor = Math.Max(Interlocked.Read(ref _version), Interlocked.Read(ref _versionSeen)) + 1;
        RedisValue[] arguments = [floor, .. rows.SelectMany(row => new[] { (RedisValue)row.Name.ToString(), row.Value, (int)(StatusOf(row.Value) ?? SiloStatus.None) })];
        return (long)await db.ScriptEvaluateAsync(RestoreScript, [table], arguments).ConfigureAwait(false);
    }

    /// <summary>Whether the table's <paramref name="current"/> row is behind this silo's copy of it: lost
    /// while the copy lists the silo as active, or at an earlier status than the copy's.</summary>
    private static bool IsBehind(RedisValue? current, RedisValue copy) =>
        current is not { } row ? StatusOf(copy) == SiloStatus.Active : StatusOf(row) < StatusOf(copy);

    /// <summary>A row's status, as Orleans writes it (JSON, the status as its number); null when unreadable.</summary>
    private static SiloStatus? StatusOf(RedisValue row)
    {
        try
        {
            using var json = JsonDocument.Parse(row.ToString());
            return json.RootElement.TryGetProperty("Status", out var status) && status.ValueKind == JsonValueKind.Number
                ? (SiloStatus)status.GetInt32()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(CheckInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await CheckQuietlyAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>A check whose failure is logged, never thrown: the next tick checks again.</summary>
    private async Task CheckQuietlyAsync()
    {
        try
        {
            await CheckAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is away or slow to answer; Orleans retries on its own, and so does the next tick.
            logger.LogDebug(e, "membership table not readable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failure that ended the loop would leave the copy as it was, and a later restore would
            // write back a table without the silos that joined since.
            logger.LogWarning(e, "membership table check failed; checking again in {Interval}", CheckInterval);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        if (_connecting is { IsCompletedSuccessfully: true, Result: { Shared: false } owned }) owned.Connection.Dispose();
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        _connecting ??= redis.Value.CreateMultiplexer(redis.Value);
        try
        {
            return (await _connecting.ConfigureAwait(false)).Connection;
        }
        catch
        {
            _connecting = null; // the next check tries again
            throw;
        }
    }
}
