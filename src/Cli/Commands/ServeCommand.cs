using System.CommandLine;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Execution;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps serve</c>: the coordinator with its HTTP API and local worker slots, running
/// whatever is submitted until Ctrl-C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on.", DefaultValueFactory = _ => ["http://127.0.0.1:5080"], AllowMultipleArgumentsPerToken = true };
        var token = new Option<string?>("--token") { Description = "Bearer token required on every request (default: SWEEPS_API_TOKEN); mandatory beyond loopback." };
        var store = OrchestrationOptions.Store();
        var workers = OrchestrationOptions.Workers();
        var data = OrchestrationOptions.Data();
        var command = new Command("serve", "Run the coordinator with its HTTP API and local workers.") { urls, token, store, workers, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("SWEEPS_API_TOKEN");
            var addresses = parse.GetValue(urls)!;
            try { BindingPolicy.Enforce(addresses, bearer); }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            await using var sweepStore = SweepStore.Open(parse.GetValue(store)!);
            var (engine, recovered) = await EmbeddedEngine.StartAsync(sweepStore, parse.GetValue(workers), LocalExecutors.Create(parse.GetValue(data)!, []));
            await using (engine)
            {
                var reader = new YamlSweepReader(parse.GetValue(data)!);
                await using var server = await ApiServer.StartAsync(engine.Coordinator, reader, addresses, bearer, cancellationToken);
                Console.WriteLine($"listening on {string.Join(", ", server.Addresses)}; re-queued {recovered} interrupted job(s)");
                try { await Task.Delay(Timeout.Infinite, cancellationToken); }
                catch (OperationCanceledException) { Console.WriteLine("stopping"); }
            }
            return 0;
        });
        return command;
    }
}
