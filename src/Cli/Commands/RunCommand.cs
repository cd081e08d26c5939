using System.CommandLine;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cli.Terminal;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps run FILE</c>: the embedded default. Takes ownership of the store (a second
/// process on it is refused), expands the sweep into it (jobs already finished are kept), runs what is
/// left on N local worker slots, and prints the comparison table. SIGINT/SIGTERM stop it cleanly;
/// running it again resumes.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Sweep YAML file." };
        var store = OrchestrationOptions.Store();
        var workers = OrchestrationOptions.Workers();
        var data = OrchestrationOptions.Data();
        var replace = OrchestrationOptions.Replace();
        var maxJobs = new Option<long>("--max-jobs") { Description = "Expansions larger than this need --yes.", DefaultValueFactory = _ => 500 };
        var yes = new Option<bool>("--yes") { Description = "Run even a large expansion." };
        var maxSubmission = OrchestrationOptions.MaxSubmissionJobs();
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines (the default when output is redirected or NO_COLOR is set)." };
        var wide = new Option<bool>("--wide") { Description = "The final table with every column, nothing cut to 80 columns." };
        var json = new Option<bool>("--json") { Description = "The final table as JSON, for scripts." };
        var command = new Command("run", "Run a sweep in this process: coordinator and worker slots in one embedded silo. Ctrl-C stops it cleanly; run it again to resume.")
        {
            file, store, workers, data, replace, maxJobs, yes, maxSubmission, plain, wide, json,
        };
        command.SetAction(async (parse, _) =>
        {
            var path = parse.GetValue(file)!;
            var slots = parse.GetValue(workers);
            // Ownership first: a second process on the store leaves at once, having changed nothing.
            await using var sweepStore = SweepStore.OpenAsOwner(parse.GetValue(store)!, "run");
            var (spec, read) = new YamlSweepReader(parse.GetValue(data)!).ReadFile(path);
            var submission = read with { Replace = parse.GetValue(replace) };
            Console.WriteLine($"sweep '{submission.Name}': {spec.JobCount} jobs");
            if (spec.JobCount > parse.GetValue(maxJobs) && !parse.GetValue(yes))
            {
                Console.Error.WriteLine($"sweeps run: {spec.JobCount} jobs is more than --max-jobs {parse.GetValue(maxJobs)}; pass --yes to run them");
                return ExitCodes.NeedsConfirmation;
            }
            // Refused before the silo starts: a refused sweep starts nothing (the coordinator checks again, as for every submission).
            if (spec.JobCount > parse.GetValue(maxSubmission)) throw new SweepTooLargeException(submission.Name, spec.JobCount, parse.GetValue(maxSubmission));
            using var signals = new ShutdownSignals("run");
            var interrupted = 0;
            var stopped = false;
            await using (var engine = new EmbeddedEngine(sweepStore, slots, LocalExecutors.Create(parse.GetValue(data)!, spec.Datasets, spec.Device.Kind), CoordinatorOptions.ForSlots(slots, maxSubmissionJobs: parse.GetValue(maxSubmission)),
                             device: spec.Device.Kind == DeviceKind.Cuda ? DeviceKind.Cuda : DeviceKind.Cpu))
            {
                var recovered = await engine.StartAsync();
                if (recovered > 0) Console.WriteLine($"re-queued {recovered} job(s) interrupted in an earlier run");
                try
                {
                    var outcome = await engine.Coordinator.SubmitAsync(submission, signals.Stopping);
                    Console.WriteLine($"{outcome.Added} new, {outcome.AlreadySucceeded} already finished, {outcome.Outstanding} to run"
                                      + (outcome.ReplacedRevision is { } revision ? $"; the sweep's previous file is kept as revision {revision}" : ""));
                    var finished = engine.Coordinator.WaitForSweepAsync(submission.Name, signals.Stopping);
                    await ProgressDisplay.FollowAsync(engine.Coordinator, submission.Name, parse.GetValue(plain) || OutputStyle.Plain,
                        finished.ContinueWith(_ => { }, TaskScheduler.Default));
                    await finished;
                }
                catch (OperationCanceledException) when (signals.Stopping.IsCancellationRequested)
                {
                    stopped = true;
                    interrupted = engine.Coordinator.Board.Running.Count;
                }
            }
            if (stopped)
            {
                Console.WriteLine($"stopped: {interrupted} running job(s) interrupted and recorded; finished results are kept. "
                                  + $"To resume, run the same command again: sweeps run {path}");
                return ExitCodes.Ok;
            }
            var report = await new SweepReports(sweepStore).BuildAsync(submission.Name, cancellationToken: CancellationToken.None);
            Console.Write(parse.GetValue(json) ? ComparisonTable.RenderJson(report!) + "\n" : ComparisonTable.Render(report!, parse.GetValue(wide)));
            var holes = report!.Incomplete.Count();
            if (holes > 0) Console.WriteLine($"{holes} config(s) incomplete: see `sweeps status {submission.Name}`");
            if (!parse.GetValue(json)) Console.WriteLine($"this table again, without running anything: sweeps report {submission.Name} --table summary");
            return holes > 0 ? ExitCodes.Incomplete : ExitCodes.Ok;
        });
        return command;
    }
}
