using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Sweeps.Cluster.Grains;

namespace Sweeps.Cluster.Hosting;

/// <summary>A short-lived Orleans client of a cluster, for commands that look at it from outside.</summary>
public static class ClusterClient
{
    public static async Task<SiloReport[]> DescribeAsync(ClusterAddress cluster, ClusterTls? tls, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(cluster.RedisConnectionString)
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (SweepsSilo.ClusterId, SweepsSilo.ServiceId));
            tls?.Apply(client);
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await host.Services.GetRequiredService<IClusterClient>().GetGrain<ICoordinatorGrain>(ICoordinatorGrain.Key)
                .DescribeCluster().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
