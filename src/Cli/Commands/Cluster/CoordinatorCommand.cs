using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Hosting;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands.Cluster;

/// <summary><c>sweeps coordinator</c>: the coordinator silo of a cluster, with the store and the HTTP API.</summary>
public static class CoordinatorCommand
{
    /// <summary>Offered and leased attempts at most: enough to keep many GPU slots fed.</summary>
    private const int MaxInFlight = 512;

    public static Command Create()
    {
        var cluster = ClusterCliOptions.Cluster();
        var store = OrchestrationOptions.Store();
        var data = OrchestrationOptions.Data();
        var api = new Option<string[]>("--api") { Description = "Addresses the HTTP API listens on.", DefaultValueFactory = _ => ["http://127.0.0.1:5080"], AllowMultipleArgumentsPerToken = true };
        var tokenFile = ClusterCliOptions.TokenFile();
        var maxSubmission = OrchestrationOptions.MaxSubmissionJobs();
        var (advertise, siloPort, gatewayPort) = (ClusterCliOptions.Advertise(), ClusterCliOptions.SiloPort(), ClusterCliOptions.GatewayPort());
        var fast = new Option<bool>("--fast-failure-detection") { Description = "Declare silent silos dead within seconds (loopback tests only).", Hidden = true };
        var tlsOptions = new TlsCliOptions();
        var command = new Command("coordinator", "Run the coordinator silo of a cluster: store, dispatch, leases and the HTTP API.")
        {
            cluster, store, data, api, tokenFile, maxSubmission, advertise, siloPort, gatewayPort, fast,
        };
        foreach (var option in tlsOptions.All) command.Options.Add(option);
        command.SetAction(async (parse, _) =>
        {
            ClusterAddress address;
            string? token;
            ClusterTls? tls;
            try
            {
                address = ClusterAddress.Parse(parse.GetValue(cluster)!);
                tls = tlsOptions.Read(parse);
                token = ClusterCliOptions.Token(parse.GetValue(tokenFile));
                BindingPolicy.Enforce(parse.GetValue(api)!, token);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine(e.Message);
                return e is IOException ? ExitCodes.BadInput : ExitCodes.Usage;
            }
            await using var sweepStore = SweepStore.OpenAsOwner(parse.GetValue(store)!, "coordinator");
            using var signals = new ShutdownSignals("coordinator");
            var cancellationToken = signals.Stopping;
            var role = new CoordinatorRole(sweepStore, new CoordinatorOptions(MaxInFlight, new(), TimeProvider.System, parse.GetValue(maxSubmission), LeaseOptions.Cluster))
            {
                DataRoot = parse.GetValue(data),
            };
            using var host = ClusterSilo.Build(address, ClusterCliOptions.Endpoint(parse, advertise, siloPort, gatewayPort), role, worker: null, parse.GetValue(fast), tls);
            await host.StartAsync(cancellationToken);
            var coordinator = host.Services.GetRequiredService<SweepCoordinator>();
            var adopted = await host.Services.GetRequiredService<CoordinatorService>().Started;
            var reader = new YamlSweepReader(parse.GetValue(data)!);
            await using (var server = await ApiServer.StartAsync(coordinator, reader, parse.GetValue(api)!, token, cancellationToken))
            {
                Console.WriteLine($"coordinator on {address}; API on {string.Join(", ", server.Addresses)}; {adopted} job(s) left running by an earlier coordinator wait {LeaseOptions.Cluster.AdoptionGrace.TotalSeconds:0} s for their workers");
                try { await Task.Delay(Timeout.Infinite, cancellationToken); }
                catch (OperationCanceledException) { Console.WriteLine("stopping"); }
            }
            await coordinator.StopDispatchingAsync();
            await host.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
