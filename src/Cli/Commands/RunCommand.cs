using System.CommandLine;
using Spectre.Console;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Submission;
using Sweeps.Worker.Execution;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps run FILE</c>: the embedded default. Expands the sweep into the store (jobs already
/// finished are kept), runs what is left on N local worker slots, and prints the comparison table.
/// Running it again after an interruption resumes.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Sweep YAML file." };
        var store = OrchestrationOptions.Store();
        var workers = OrchestrationOptions.Workers();
        var data = OrchestrationOptions.Data();
        var maxJobs = new Option<long>("--max-jobs") { Description = "Expansions larger than this need --yes.", DefaultValueFactory = _ => 500 };
        var yes = new Option<bool>("--yes") { Description = "Run even a large expansion." };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines (the default when output is redirected)." };
        var command = new Command("run", "Run a sweep in this process: coordinator and worker slots over an in-process queue.")
        {
            file, store, workers, data, maxJobs, yes, plain,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            SweepSubmission submission;
            Contracts.Sweeps.SweepSpec parsed;
            long size;
            try
            {
                var (spec, read) = new YamlSweepReader(parse.GetValue(data)!).ReadFile(path);
                (submission, size, parsed) = (read, spec.JobCount, spec);
            }
            catch (Exception e) when (e is SweepRejectedException or IOException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            Console.WriteLine($"sweep '{submission.Name}': {size} jobs");
            if (size > parse.GetValue(maxJobs) && !parse.GetValue(yes))
            {
                Console.Error.WriteLine($"{size} jobs is more than --max-jobs {parse.GetValue(maxJobs)}; pass --yes to run them");
                return 3;
            }
            await using var sweepStore = SweepStore.Open(parse.GetValue(store)!);
            var (engine, recovered) = await EmbeddedEngine.StartAsync(sweepStore, parse.GetValue(workers), LocalExecutors.Create(parse.GetValue(data)!, parsed.Datasets, parsed.Device.Kind));
            await using (engine)
            {
                if (recovered > 0) Console.WriteLine($"re-queued {recovered} interrupted job(s) from an earlier run");
                var outcome = await engine.Coordinator.SubmitAsync(submission, cancellationToken);
                Console.WriteLine($"{outcome.Added} new, {outcome.AlreadySucceeded} already finished, {outcome.Outstanding} to run");
                var finished = engine.Coordinator.WaitForSweepAsync(submission.Name, cancellationToken);
                await ProgressDisplay.FollowAsync(engine.Coordinator, submission.Name, parse.GetValue(plain) || Console.IsOutputRedirected, finished.ContinueWith(_ => { }, TaskScheduler.Default));
                try { await finished; }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("stopped; run the same command again to resume");
                    return 130;
                }
            }
            var report = await new SweepReports(sweepStore).BuildAsync(submission.Name, cancellationToken: CancellationToken.None);
            AnsiConsole.Write(ComparisonTable.Render(report!));
            var holes = report!.Incomplete.Count();
            if (holes > 0) Console.WriteLine($"{holes} config(s) incomplete: see `sweeps status {submission.Name}`");
            return holes > 0 ? 1 : 0;
        });
        return command;
    }
}
