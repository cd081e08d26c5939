using System.CommandLine;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Contracts.Sweeps;
using Sweeps.Torch;
using Sweeps.Worker.Slots;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cli.Commands.Cluster;

/// <summary><c>sweeps worker</c>: a worker silo on a GPU (or CPU) node, leasing jobs from the coordinator.</summary>
public static class WorkerCommand
{
    /// <summary>Long enough for an epoch of the paper's models on a GPU, well inside Kubernetes' grace.</summary>
    private const int DefaultStopGraceSeconds = 60;

    public static Command Create()
    {
        var cluster = ClusterCliOptions.Cluster();
        var devices = new Option<string>("--devices") { Description = "cpu, or CUDA devices: cuda:0,cuda:1.", DefaultValueFactory = _ => "cpu" };
        var slotsPerDevice = new Option<int>("--slots-per-device") { Description = "Jobs trained at once on each device.", DefaultValueFactory = _ => 1 };
        var data = new Option<string?>("--data")
        {
            Description = "Directory of datasets (<name>.txt) to use before fetching them from the coordinator; optional.",
        };
        var stopGrace = new Option<int>("--stop-grace")
        {
            Description = "Seconds a stopping worker (SIGTERM, a preempted node) gives running jobs to finish their epoch and checkpoint before cancelling them.",
            DefaultValueFactory = _ => DefaultStopGraceSeconds,
        };
        var cache = new Option<string>("--cache")
        {
            Description = "Local directory for datasets fetched from the coordinator, checkpoints and kept weights.",
            DefaultValueFactory = _ => "cache",
        };
        var (advertise, siloPort, gatewayPort) = (ClusterCliOptions.Advertise(), ClusterCliOptions.SiloPort(), ClusterCliOptions.GatewayPort());
        var fast = new Option<bool>("--fast-failure-detection") { Description = "Declare silent silos dead within seconds (loopback tests only).", Hidden = true };
        var tlsOptions = new TlsCliOptions();
        var command = new Command("worker", "Run a worker silo: lease jobs from the cluster's coordinator and train them here.")
        {
            cluster, devices, slotsPerDevice, stopGrace, data, cache, advertise, siloPort, gatewayPort, fast,
        };
        foreach (var option in tlsOptions.All) command.Options.Add(option);
        command.SetAction(async (parse, _) =>
        {
            ClusterAddress address;
            Device[] parsed;
            ClusterTls? tls;
            try
            {
                address = ClusterAddress.Parse(parse.GetValue(cluster)!);
                tls = tlsOptions.Read(parse);
                parsed = [.. parse.GetValue(devices)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Device.Parse)];
                ArgumentOutOfRangeException.ThrowIfLessThan(parse.GetValue(slotsPerDevice), 1, "--slots-per-device");
                ArgumentOutOfRangeException.ThrowIfNegative(parse.GetValue(stopGrace), "--stop-grace");
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Usage;
            }
            var local = new WorkerCache(Path.GetFullPath(parse.GetValue(cache)!));
            local.DropUnfinished();
            var worker = new WorkerRole([.. parsed.Select(device => new DeviceSlots(device.ToString(),
                LocalExecutors.Create(parse.GetValue(data), [], device),
                WorkerOptions.Local(parse.GetValue(slotsPerDevice), local.Checkpoints) with
                {
                    WorkerId = $"{Environment.MachineName}/{Environment.ProcessId}/{device}",
                    StopGrace = TimeSpan.FromSeconds(parse.GetValue(stopGrace)),
                    WeightsRoot = local.Weights,
                    Device = device.Type == DeviceType.CUDA ? DeviceKind.Cuda : DeviceKind.Cpu,
                }))])
            {
                Cache = local,
            };
            // SIGTERM (Kubernetes, a preempted node) and Ctrl-C: drain the running jobs, hand them back and
            // leave the cluster; the watchdog waits as long as the host's shutdown may take.
            using var signals = new ShutdownSignals("worker", ClusterSilo.ShutdownTimeout(worker) + TimeSpan.FromSeconds(10));
            using var host = ClusterSilo.Build(address, ClusterCliOptions.Endpoint(parse, advertise, siloPort, gatewayPort), coordinator: null, worker, parse.GetValue(fast), tls);
            await host.StartAsync(signals.Stopping);
            Console.WriteLine($"worker on {address}: {worker.Slots} slot(s) on {string.Join(", ", parsed)}");
            try { await Task.Delay(Timeout.Infinite, signals.Stopping); }
            catch (OperationCanceledException) { Console.WriteLine("stopping: interrupted jobs go back to the coordinator"); }
            await host.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
