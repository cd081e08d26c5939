using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Sweeps.Cluster.Hosting;

/// <summary>A silo of a cluster of several processes or machines, joined through a Redis membership
/// table: the host of <c>sweeps coordinator</c> and <c>sweeps worker</c>. Each one guards the table
/// against Redis losing it (<see cref="GuardedMembershipTable"/>).</summary>
public static class ClusterSilo
{
    public static IHost Build(ClusterAddress cluster, SiloEndpoint endpoint, CoordinatorRole? coordinator, WorkerRole? worker,
        bool fastFailureDetection = false, ClusterTls? tls = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // The host's default 30 s would cut a stopping worker's grace short: its jobs must reach an
        // epoch's end, checkpoint and report before the silo leaves.
        if (worker is not null)
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout(worker));
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(cluster.RedisConnectionString);
            GuardedMembershipTable.Register(silo.Services);
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (SweepsSilo.ClusterId, SweepsSilo.ServiceId))
                .ConfigureEndpoints(endpoint.Advertised, endpoint.SiloPort, endpoint.GatewayPort, listenOnAnyHostAddress: true)
                .AddSweeps(coordinator, worker);
            if (fastFailureDetection) silo.WithFastFailureDetection();
            tls?.Apply(silo);
        });
        return builder.Build();
    }

    /// <summary>How long a worker silo may take to stop: its jobs' stop grace, then leaving the cluster.</summary>
    public static TimeSpan ShutdownTimeout(WorkerRole worker) => worker.Devices.Max(d => d.Options.StopGrace) + TimeSpan.FromSeconds(30);
}
