using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cli.Terminal;
using Sweeps.Coordinator;
using Sweeps.Cli.Commands.Figures;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Api.Dashboard;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps serve</c>: the coordinator with its HTTP API and local worker slots, running
/// whatever is submitted until SIGINT/SIGTERM. Owns its store like `run`; logs each submission, state
/// change and failure as one line.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (several separated by spaces or ';').", DefaultValueFactory = _ => ["http://127.0.0.1:5080"], AllowMultipleArgumentsPerToken = true };
        var token = new Option<string?>("--token") { Description = "Bearer token required on every request (default: SWEEPS_API_TOKEN); mandatory beyond loopback." };
        var store = OrchestrationOptions.Store();
        var workers = OrchestrationOptions.Workers();
        var data = OrchestrationOptions.Data();
        var maxSubmission = OrchestrationOptions.MaxSubmissionJobs();
        var logFormat = new Option<string>("--log-format") { Description = "text (one line per event) or json (one JSON object per line).", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Run the coordinator with its HTTP API and local workers. Ctrl-C or SIGTERM stops it cleanly.")
        {
            urls, token, store, workers, data, maxSubmission, logFormat,
        };
        command.SetAction(async (parse, _) =>
        {
            var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("SWEEPS_API_TOKEN");
            var addresses = parse.GetValue(urls)!.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (addresses.FirstOrDefault(a => !IsHttpAddress(a)) is { } bad)
            {
                Console.Error.WriteLine($"sweeps serve: --urls '{bad}' is not an http://host:port address");
                return ExitCodes.Usage;
            }
            try { BindingPolicy.Enforce(addresses, bearer); }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"sweeps serve: {e.Message}");
                return ExitCodes.Usage;
            }
            var slots = parse.GetValue(workers);
            await using var sweepStore = SweepStore.OpenAsOwner(parse.GetValue(store)!, "serve");
            using var signals = new ShutdownSignals("serve");
            using var logging = LoggerFactory.Create(b => ConfigureLogging(b, parse.GetValue(logFormat)!));
            var logger = logging.CreateLogger("sweeps");
            int interrupted;
            await using (var engine = new EmbeddedEngine(sweepStore, slots, LocalExecutors.Create(parse.GetValue(data)!, []),
                             CoordinatorOptions.ForSlots(slots, maxSubmissionJobs: parse.GetValue(maxSubmission)), logger))
            {
                var reader = new YamlSweepReader(parse.GetValue(data)!);
                // Listening before recovery: a server that cannot bind leaves the store as it found it.
                await using (var server = await ApiServer.StartAsync(engine.Coordinator, reader, addresses, bearer, signals.Stopping, new ModelFigures(sweepStore)))
                {
                    var recovered = await engine.StartAsync();
                    Console.WriteLine($"listening on {string.Join(", ", server.Addresses)}; store {sweepStore.Path}; re-queued {recovered} interrupted job(s)");
                    Console.WriteLine($"dashboard: {server.Addresses.First()}{DashboardEndpoints.PagePath}{(string.IsNullOrEmpty(bearer) ? "" : "#token=<token>")}");
                    try { await Task.Delay(Timeout.Infinite, signals.Stopping); }
                    catch (OperationCanceledException) { /* the signal to stop */ }
                    interrupted = engine.Coordinator.Board.Running.Count;
                }
            }
            Console.WriteLine($"stopped: {interrupted} running job(s) interrupted and recorded; start `sweeps serve` on the same store to resume them");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool IsHttpAddress(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https";

    private static void ConfigureLogging(ILoggingBuilder builder, string format)
    {
        builder.SetMinimumLevel(LogLevel.Information);
        if (format == "json")
            builder.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
        else
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.ColorBehavior = OutputStyle.Plain ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default;
            });
    }
}
