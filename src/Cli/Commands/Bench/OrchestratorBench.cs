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
/// persistence, so everything but training is measured: throughput and per-job latencies.</summary>
public static class OrchestratorBench
{
    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "Noop jobs to run.", DefaultValueFactory = _ => 10_000 };
        var workers = OrchestrationOptions.Workers();
        var output = new Option<string?>("--out") { Description = "Also write the numbers as Markdown to this file." };
        var command = new Command("orchestrator", "Throughput and latency of the embedded orchestrator on noop jobs.") { jobs, workers, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(jobs);
            var directory = Directory.CreateTempSubdirectory("sweeps-bench-").FullName;
            try
            {
                var markdown = await RunAsync(n, parse.GetValue(workers), Path.Combine(directory, "sweeps.db"), cancellationToken);
                Console.Write(markdown);
                if (parse.GetValue(output) is { } path) await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
                return 0;
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });
        return command;
    }

    private static async Task<string> RunAsync(int n, int slots, string storePath, CancellationToken cancellationToken)
    {
        var jobs = Enumerable.Range(0, n).Select(i => new JobSpec("bench", "bench", "noop",
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("index", (HyperValue)i), KeyValuePair.Create("epochs", (HyperValue)2)]), 1));
        await using var store = SweepStore.OpenAsOwner(storePath, "bench orchestrator");
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
        var latencies = await store.LoadLatenciesAsync("bench", CancellationToken.None);
        var sweep = await store.GetSweepAsync("bench", CancellationToken.None);
        return Report(n, slots, submitted, elapsed, sweep!.Count(Coordinator.StateMachine.JobState.Succeeded), latencies);
    }

    private static string Report(int n, int slots, TimeSpan submitted, TimeSpan elapsed, int succeeded, IReadOnlyList<JobLatency> latencies)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"# Orchestrator benchmark");
        text.AppendLine();
        text.AppendLine(inv, $"`sweeps bench orchestrator --jobs {n} --workers {slots}` on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}: noop jobs (2 epochs each, no sleep) through the embedded path (one silo: worker slots lease jobs through the coordinator grain; SQLite store in WAL mode).");
        text.AppendLine();
        text.AppendLine(inv, $"- jobs succeeded: {succeeded} of {n}");
        text.AppendLine(inv, $"- submission (expansion into the store): {submitted.TotalSeconds:F2} s");
        text.AppendLine(inv, $"- wall time, submission included: {elapsed.TotalSeconds:F2} s");
        text.AppendLine(inv, $"- throughput: **{n / elapsed.TotalMinutes:F0} jobs/min**");
        text.AppendLine();
        text.AppendLine("| latency (ms) | p50 | p90 | p99 | max |");
        text.AppendLine("|---|---|---|---|---|");
        Row("queue wait", latencies.Select(l => l.QueueWaitMs));
        Row("start-up", latencies.Select(l => l.StartupMs));
        Row("reporting", latencies.Select(l => l.ReportingMs));
        return text.ToString();

        void Row(string name, IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            string P(double q) => sorted.Length == 0 ? "–" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)].ToString("F2", inv);
            text.AppendLine(inv, $"| {name} | {P(0.5)} | {P(0.9)} | {P(0.99)} | {P(1)} |");
        }
    }
}
