using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;
using Sweeps.Cluster.Hosting;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cluster.Tests;

/// <summary>A silo over a real redis-server whose membership table is deleted under it, as when Redis
/// restarts empty.</summary>
public sealed class MembershipTableGuardTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-membership-").FullName;

    /// <param name="recreated">After the loss a silo started and created the table afresh, holding no
    /// row of the silos already running (false: no silo started since, there is no table).</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_read_made_after_Redis_lost_the_table_lists_the_active_silo_again_so_Orleans_does_not_stop_it(bool recreated) =>
        WithActiveSiloAsync(fastFailureDetection: true, async silo =>
        {
            // The guard's copy of the table taken since the silo became active (it reads the table every second).
            await Task.Delay(MembershipTableGuard.CheckInterval * 2);

            Assert.True(await silo.Db.KeyDeleteAsync(silo.Table));
            if (recreated) await silo.Db.HashSetAsync(silo.Table, "Version", "0");
            // The read Orleans makes on its next refresh, made at once: before the guard's next periodic check.
            var read = await silo.Host.Services.GetRequiredService<IMembershipTable>().ReadAllAsync(CancellationToken.None);

            var own = read.TryGet(silo.Self);
            Assert.True(own is not null, $"the read does not list this silo: {read}");
            Assert.Equal(SiloStatus.Active, own.Item1.Status);
            Assert.True(await silo.Db.HashExistsAsync(silo.Table, silo.Self.ToString()), "the table in Redis does not list this silo");
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(SiloStatus.Active, silo.Membership.CurrentSnapshot.GetSiloStatus(silo.Self));
        });

    /// <summary>The first silo to write a lost table back may have held an older copy, without a silo that
    /// joined later; the silos whose copy lists that one as active write its row back too.</summary>
    [Fact]
    public Task An_active_row_missing_from_a_table_written_back_from_an_older_copy_is_written_back_by_a_silo_that_had_it() =>
        WithActiveSiloAsync(fastFailureDetection: false, async silo =>
        {
            // Another active silo: this silo's row, moved to another port (nothing listens there, but
            // failure detection at its default pace takes far longer than this test).
            var own = (string)(await silo.Db.HashGetAsync(silo.Table, silo.Self.ToString()))!;
            var other = SiloAddress.New(new IPEndPoint(silo.Self.Endpoint.Address, RedisServer.FreePort()), silo.Self.Generation);
            var otherRow = Regex.Replace(own, $@"(?<![\d.]){silo.Self.Endpoint.Port}(?!\d)", other.Endpoint.Port.ToString(CultureInfo.InvariantCulture));
            Assert.Contains($"{other.Endpoint.Port}", otherRow, StringComparison.Ordinal);
            await silo.Db.HashSetAsync(silo.Table, other.ToString(), otherRow);
            await Task.Delay(MembershipTableGuard.CheckInterval * 2);
            var before = (long)await silo.Db.HashGetAsync(silo.Table, "Version");

            // The table as a silo with an older copy wrote it back: this silo listed, the other not.
            Assert.True(await silo.Db.HashDeleteAsync(silo.Table, other.ToString()));
            await UntilAsync(() => silo.Db.HashExists(silo.Table, other.ToString()), "the other silo's row written back");
            Assert.Equal(otherRow, (string)(await silo.Db.HashGetAsync(silo.Table, other.ToString()))!);
            Assert.True((long)await silo.Db.HashGetAsync(silo.Table, "Version") > before, "the table version did not move on, so no silo would read the row");
        });

    /// <summary>A silo that became active less than a check before the loss is still joining in the others'
    /// copies; the silo's own copy puts its row back at its latest status.</summary>
    [Fact]
    public Task A_row_written_back_at_an_earlier_status_is_set_to_the_status_of_the_silo_s_own_copy() =>
        WithActiveSiloAsync(fastFailureDetection: false, async silo =>
        {
            var own = (string)(await silo.Db.HashGetAsync(silo.Table, silo.Self.ToString()))!;
            var active = $"\"Status\":{(int)SiloStatus.Active}";
            Assert.Contains(active, own, StringComparison.Ordinal);
            await Task.Delay(MembershipTableGuard.CheckInterval * 2);
            var before = (long)await silo.Db.HashGetAsync(silo.Table, "Version");

            // The row as an older copy, taken while this silo was joining, wrote it back.
            await silo.Db.HashSetAsync(silo.Table, silo.Self.ToString(), own.Replace(active, $"\"Status\":{(int)SiloStatus.Joining}", StringComparison.Ordinal));
            await UntilAsync(() => ((string)silo.Db.HashGet(silo.Table, silo.Self.ToString())!).Contains(active, StringComparison.Ordinal),
                "the row back at the active status");
            Assert.True((long)await silo.Db.HashGetAsync(silo.Table, "Version") > before, "the table version did not move on, so no silo would read the row");
            Assert.Equal(SiloStatus.Active, silo.Membership.CurrentSnapshot.GetSiloStatus(silo.Self));
        });

    private sealed record ActiveSilo(IHost Host, SiloAddress Self, IClusterMembershipService Membership, RedisKey Table, IDatabase Db);

    /// <summary>Runs <paramref name="test"/> on a coordinator silo over a private redis-server, once the silo is active.</summary>
    private async Task WithActiveSiloAsync(bool fastFailureDetection, Func<ActiveSilo, Task> test)
    {
        await using var redis = await RedisServer.StartAsync(_directory);
        await using var store = SweepStore.Open(Path.Combine(_directory, "sweeps.db"));
        using var host = ClusterSilo.Build(new ClusterAddress("127.0.0.1", redis.Port),
            new SiloEndpoint(IPAddress.Loopback, RedisServer.FreePort(), RedisServer.FreePort()), TestRoles.Coordinator(store), worker: null, fastFailureDetection);
        await host.StartAsync();
        try
        {
            var self = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            var membership = host.Services.GetRequiredService<IClusterMembershipService>();
            var table = host.Services.GetRequiredService<IOptions<RedisClusteringOptions>>().Value
                .CreateRedisKey(host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value);
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
            await UntilAsync(() => membership.CurrentSnapshot.GetSiloStatus(self) == SiloStatus.Active, "the silo active");
            await test(new ActiveSilo(host, self, membership, table, connection.GetDatabase()));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
