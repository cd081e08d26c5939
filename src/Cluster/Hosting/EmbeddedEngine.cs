using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweeps.Cluster.Coordination;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Slots;

namespace Sweeps.Cluster.Hosting;

/// <summary>One machine, no outside service: a single silo on loopback holding both roles, with the
/// same grains, leases and worker loop as a cluster. Checkpoints go to
/// <c>&lt;store dir&gt;/checkpoints/&lt;job id&gt;/</c>.</summary>
public sealed class EmbeddedEngine : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedEngine(IHost host) => _host = host;

    public SweepCoordinator Coordinator => _host.Services.GetRequiredService<SweepCoordinator>();
    public SweepStore Store => Coordinator.Store;

    /// <returns>The engine and how many interrupted jobs of an earlier run it put back to Pending.</returns>
    public static async Task<(EmbeddedEngine Engine, int Recovered)> StartAsync(SweepStore store, int slots, ExecutorRegistry executors,
        RetryOptions? retry = null, string device = "cpu")
    {
        var checkpoints = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.Path))!, "checkpoints");
        var coordinator = new CoordinatorRole(store, CoordinatorOptions.ForSlots(slots, retry, LeaseOptions.OneProcess));
        var worker = new WorkerRole(new DeviceSlots(device, executors, WorkerOptions.Local(slots, checkpoints)));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // One process: Orleans' own warnings (start-up and shutdown timings) are noise beside the progress display.
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo
            // Free loopback ports, so two runs on one machine do not collide.
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: SweepsSilo.ServiceId, clusterId: SweepsSilo.ClusterId)
            .AddSweeps(coordinator, worker));
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var recovered = await host.Services.GetRequiredService<CoordinatorService>().Started.ConfigureAwait(false);
        return (new EmbeddedEngine(host), recovered);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Dispatch stops first (nothing new is offered), then the silo stops its worker slots
    /// (their interrupted attempts are reported and go back to Pending), the coordinator, and itself.</summary>
    public async ValueTask DisposeAsync()
    {
        await Coordinator.StopDispatchingAsync().ConfigureAwait(false);
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
