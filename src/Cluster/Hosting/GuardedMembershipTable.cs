using Microsoft.Extensions.DependencyInjection;
using Orleans.Clustering.Redis;
using Orleans.Runtime;

namespace Sweeps.Cluster.Hosting;

/// <summary>The Redis membership table as Orleans sees it, with <see cref="MembershipTableGuard"/>
/// between them. When Redis restarts empty, the next silo to start creates a table that lists only
/// itself; a silo already running that read it would take itself for declared dead and stop at once.
/// So a read that no longer lists this active silo, or finds no table, is not handed to Orleans: the
/// guard writes the table back first and the read is made again. Writes tell the guard this silo's own
/// status and the table versions in use.</summary>
internal sealed class GuardedMembershipTable(IMembershipTable redis, MembershipTableGuard guard, SiloAddress self) : IMembershipTable
{
    /// <summary>Puts the guarded table in place of the Redis table that <c>UseRedisClustering</c> registered,
    /// and runs the guard's periodic check.</summary>
    public static void Register(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IMembershipTable));
        services.Remove(registered);
        services.AddSingleton<MembershipTableGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<MembershipTableGuard>());
        services.AddSingleton<IMembershipTable>(sp => new GuardedMembershipTable(
            (IMembershipTable)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            sp.GetRequiredService<MembershipTableGuard>(),
            sp.GetRequiredService<ILocalSiloDetails>().SiloAddress));
    }

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) =>
        GuardedReadAsync(() => redis.ReadAllAsync(cancellationToken), listsSelf: true);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) =>
        GuardedReadAsync(() => redis.ReadRowAsync(key, cancellationToken), listsSelf: key.Equals(self));

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        var written = await redis.InsertRowAsync(entry, tableVersion, cancellationToken).ConfigureAwait(false);
        Written(written, entry, tableVersion);
        return written;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        var written = await redis.UpdateRowAsync(entry, etag, tableVersion, cancellationToken).ConfigureAwait(false);
        Written(written, entry, tableVersion);
        return written;
    }

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken) =>
        redis.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) =>
        redis.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken) =>
        redis.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken) => redis.UpdateIAmAliveAsync(entry, cancellationToken);

    // Orleans still declares the members without a cancellation token as the ones to implement.
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    /// <summary>A read that should list this silo and does not, or finds no table at all, is made again
    /// once the guard has seen the row back in the table (written back by this silo or, a moment
    /// earlier, by another); it is handed on as it is when the guard had nothing to restore (this silo
    /// is joining, or was declared dead).</summary>
    private async Task<MembershipTableData> GuardedReadAsync(Func<Task<MembershipTableData>> read, bool listsSelf)
    {
        try
        {
            var data = await read().ConfigureAwait(false);
            guard.VersionSeen(data.Version.Version);
            if (!listsSelf || data.TryGet(self) is not null || !await guard.CheckAsync().ConfigureAwait(false)) return data;
        }
        catch (RedisClusteringException) when (listsSelf)
        {
            // No table: Redis lost it and no silo has started since to create it again.
            if (!await guard.CheckAsync().ConfigureAwait(false)) throw;
        }
        return await read().ConfigureAwait(false);
    }

    private void Written(bool written, MembershipEntry entry, TableVersion tableVersion)
    {
        if (!written) return;
        guard.VersionSeen(tableVersion.Version);
        if (entry.SiloAddress.Equals(self)) guard.OwnStatusWritten(entry.Status);
    }
}
