using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Transfer;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Dispatch;
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
    private bool _started;

    /// <summary>Builds the silo; nothing runs until <see cref="StartAsync()"/>, so the coordinator can
    /// be handed to an API server first.</summary>
    /// <param name="logger">The coordinator's log (submissions, cancels, job outcomes); the silo's own
    /// logging otherwise.</param>
    /// <param name="device">The kind of device the slots train on; the coordinator refuses sweeps that
    /// need another.</param>
    public EmbeddedEngine(SweepStore store, int slots, ExecutorRegistry executors, CoordinatorOptions options, ILogger? logger = null,
        DeviceKind device = DeviceKind.Cpu)
    {
        var coordinator = new CoordinatorRole(store, options with { OnlyDevice = device }, logger);
        var workerOptions = WorkerOptions.Local(slots, StoreFolders.Checkpoints(store.Path)) with { WeightsRoot = KeptWeights.RootOf(store.Path), Device = device };
        var worker = new WorkerRole(new DeviceSlots(device.Name(), executors, workerOptions));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // One process: Orleans' own warnings (start-up and shutdown timings) are noise beside the progress display.
        builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.Name).AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>()
            .SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo
            // Free loopback ports, so two runs on one machine do not collide.
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: SweepsSilo.ServiceId, clusterId: SweepsSilo.ClusterId)
            .AddSweeps(coordinator, worker));
        _host = builder.Build();
    }

    public SweepCoordinator Coordinator => _host.Services.GetRequiredService<SweepCoordinator>();
    public SweepStore Store => Coordinator.Store;

    /// <summary>Starts the silo: the coordinator puts back what an earlier owner of the store left in
    /// flight, then the worker slots start leasing.</summary>
    /// <returns>How many interrupted jobs of an earlier run it put back to Pending.</returns>
    public async Task<int> StartAsync()
    {
        _started = true;
        await _host.StartAsync().ConfigureAwait(false);
        return await _host.Services.GetRequiredService<CoordinatorService>().Started.ConfigureAwait(false);
    }

    /// <summary>An engine with the default options for <paramref name="slots"/>, started.</summary>
    /// <returns>The engine and how many interrupted jobs of an earlier run it put back to Pending.</returns>
    public static async Task<(EmbeddedEngine Engine, int Recovered)> StartAsync(SweepStore store, int slots, ExecutorRegistry executors,
        RetryOptions? retry = null, DeviceKind device = DeviceKind.Cpu)
    {
        var engine = new EmbeddedEngine(store, slots, executors, CoordinatorOptions.ForSlots(slots, retry), device: device);
        return (engine, await engine.StartAsync().ConfigureAwait(false));
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
        if (_started) await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
