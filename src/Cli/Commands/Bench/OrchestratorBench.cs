using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Submission;
using Sweeps.Worker.Execution;

namespace Sweeps.Cli.Commands.Bench;

/// <summary><c>sweeps bench orchestrator</c>: noop jobs through the embedded silo with SQLite
/// persistence, so everything but training is measured: throughput and per-job latencies. With
/// <c>--cluster</c> the same jobs also go through real coordinator and worker processes over Redis
/// (<see cref="LocalCluster"/>), and both are printed in the same form.</summary>
public static class OrchestratorBench
{
    /// <summary>Worker processes of the <c>--cluster</c> run; the slots are shared out among them.</summary>
    private const int ClusterWorkers = 2;

    /// <summary>How long the cluster run may take before the benchmark gives up.</summary>
    private static readonly TimeSpan ClusterLimit = TimeSpan.FromMinutes(30);

    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "Noop jobs to run.", DefaultValueFactory = _ => 10_000 };
        var workers = OrchestrationOptions.Workers();
        var cluster = new Option<bool>("--cluster")
        {
            Description = $"Also run the jobs through a coordinator process and {ClusterWorkers} worker processes over a private redis-server (from PATH), and print both.",
        };
        var output = new Option<string?>("--out") { Description = "Also write the numbers as Markdown to this file." };
        var command = new Command("orchestrator", "Throughput and latency of the orchestrator on noop jobs, embedded (and over a local cluster).") { jobs, workers, cluster, output };
        command.SetAction(async (parse, _) =>
        {
            using var signals = new ShutdownSignals("bench orchestrator");
            var (n, slots) = (parse.GetValue(jobs), parse.GetValue(workers));
            var command = $"sweeps bench orchestrator --jobs {n} --workers {slots}{(parse.GetValue(cluster) ? " --cluster" : "")}";
            var markdown = Report(await EmbeddedAsync(n, slots, signals.Stopping), "# Orchestrator benchmark",
                $"`{command}` on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}: noop jobs (2 epochs each, no sleep) through the embedded path (one silo: worker slots lease jobs through the coordinator grain; SQLite store in WAL mode).");
            if (parse.GetValue(cluster))
            {
                var perWorker = Math.Max(1, (slots + ClusterWorkers - 1) / ClusterWorkers);
                markdown += "\n" + Report(await ClusterAsync(n, perWorker, signals.Stopping), "## Over a local cluster",
                    $"The same jobs through a coordinator process and {ClusterWorkers} worker processes ({perWorker} slot(s) each) over a private redis-server on loopback, submitted over the HTTP API: every lease and report is a grain call between processes.");
            }
            Console.Write(markdown);
            if (parse.GetValue(output) is { } path) await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
            return 0;
        });
        return command;
    }

    private static async Task<Run> EmbeddedAsync(int n, int slots, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("sweeps-bench-").FullName;
        try
        {
            var jobs = Enumerable.Range(0, n).Select(i => new JobSpec("bench", "bench", "noop",
                ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("index", (HyperValue)i), KeyValuePair.Create("epochs", (HyperValue)2)]), 1));
            await using var store = SweepStore.OpenAsOwner(Path.Combine(directory, "sweeps.db"), "bench orchestrator");
            TimeSpan submitted, elapsed;
            await using (var engine = new EmbeddedEngine(store, slots, ExecutorRegistry.WithBuiltIns(), CoordinatorOptions.ForSlots(slots)))
            {
                await engine.StartAsync();
                var clock = Stopwatch.StartNew();
                await engine.Coordinator.SubmitAsync(new SweepSubmission("bench", "noop bench", [], jobs), cancellationToken);
                submitted = clock.Elapsed;
                await engine.Coordinator.WaitForSweepAsync("bench", cancellationToken);
                elapsed = clock.Elapsed;
            }
            var sweep = await store.GetSweepAsync("bench", CancellationToken.None);
            return new Run(n, submitted, elapsed, sweep!.Count(Coordinator.StateMachine.JobState.Succeeded), await store.LoadLatenciesAsync("bench", CancellationToken.None));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Run> ClusterAsync(int n, int slotsPerWorker, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("sweeps-bench-cluster-").FullName;
        try
        {
            TimeSpan submitted, elapsed;
            int succeeded;
            await using (var cluster = new LocalCluster(directory))
            {
                await cluster.StartRedisAsync(cancellationToken);
                await cluster.StartCoordinatorAsync(cancellationToken);
                await Task.WhenAll(Enumerable.Range(1, ClusterWorkers).Select(i => cluster.StartWorkerAsync($"worker-{i}", slotsPerWorker, joined: true, cancellationToken)));
                var clock = Stopwatch.StartNew();
                await NoopSweep.SubmitAsync(cluster, n, sleepMs: 0, cancellationToken);
                submitted = clock.Elapsed;
                succeeded = await NoopSweep.WaitAsync(cluster, n, clock, ClusterLimit, _ => Task.CompletedTask, cancellationToken);
                elapsed = clock.Elapsed;
            }
            await using var store = SweepStore.OpenReadOnly(Path.Combine(directory, "sweeps.db"));
            return new Run(n, submitted, elapsed, succeeded, await store.LoadLatenciesAsync(NoopSweep.Name, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Run(int Jobs, TimeSpan Submitted, TimeSpan Elapsed, int Succeeded, IReadOnlyList<JobLatency> Latencies);

    private static string Report(Run run, string heading, string what)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(heading);
        text.AppendLine();
        text.AppendLine(what);
        text.AppendLine();
        text.AppendLine(inv, $"- jobs succeeded: {run.Succeeded} of {run.Jobs}");
        text.AppendLine(inv, $"- submission (expansion into the store): {run.Submitted.TotalSeconds:F2} s");
        text.AppendLine(inv, $"- wall time, submission included: {run.Elapsed.TotalSeconds:F2} s");
        text.AppendLine(inv, $"- throughput: **{run.Jobs / run.Elapsed.TotalMinutes:F0} jobs/min**");
        text.AppendLine();
        text.AppendLine("| latency (ms) | p50 | p90 | p99 | max |");
        text.AppendLine("|---|---|---|---|---|");
        Row("queue wait", run.Latencies.Select(l => l.QueueWaitMs));
        Row("start-up", run.Latencies.Select(l => l.StartupMs));
        Row("reporting", run.Latencies.Select(l => l.ReportingMs));
        return text.ToString();

        void Row(string name, IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            string P(double q) => sorted.Length == 0 ? "–" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)].ToString("F2", inv);
            text.AppendLine(inv, $"| {name} | {P(0.5)} | {P(0.9)} | {P(0.99)} | {P(1)} |");
        }
    }
}
