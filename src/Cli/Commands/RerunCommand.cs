using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Contracts.Jobs;
using Sweeps.Worker.Execution;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps rerun JOB</c>: runs one stored job again from its manifest's resolved config, in a
/// fresh checkpoint directory, and sets the new metrics beside the stored ones. The stored result is
/// not replaced: this is a reproducibility check.</summary>
public static class RerunCommand
{
    public static Command Create()
    {
        var jobId = new Argument<string>("job") { Description = "Job id or an unambiguous prefix." };
        var store = OrchestrationOptions.Store();
        var data = OrchestrationOptions.Data();
        var command = new Command("rerun", "Rerun one finished job from its reproducibility manifest and compare.") { jobId, store, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var sweepStore = OrchestrationOptions.OpenExisting(parse.GetValue(store)!);
            var stored = await sweepStore.FindJobAsync(parse.GetValue(jobId)!, cancellationToken);
            if (stored?.Result is not { } before)
            {
                Console.Error.WriteLine($"sweeps rerun: no finished job '{parse.GetValue(jobId)}', or more than one starts so (see `sweeps status SWEEP`)");
                return ExitCodes.NotFound;
            }
            var job = Contracts.Jobs.JobSpec.FromCanonicalJson(before.Manifest.ResolvedConfigJson);
            if (before.Manifest.CodeVersion != CodeVersion.Current)
                Console.WriteLine($"note: stored by code {before.Manifest.CodeVersion}, rerunning with {CodeVersion.Current}");
            var checkpoints = Directory.CreateTempSubdirectory("sweeps-rerun-").FullName;
            var context = new JobExecutionContext(checkpoints, new Progress<JobProgress>(), 1, "rerun");
            var after = await LocalExecutors.Create(parse.GetValue(data)!, []).Resolve(job.Model).ExecuteAsync(job, context, cancellationToken);
            var table = new Table().Title($"job {job.Id[..12]}").AddColumns("metric", "stored", "rerun");
            foreach (var (split, old, now) in new[] { ("valid", before.Valid, after.Valid), ("test", before.Test, after.Test) })
                foreach (var (name, value) in old.Values)
                    table.AddRow($"{split} {name}", value.ToString("F6", CultureInfo.InvariantCulture),
                        now.Values.TryGetValue(name, out var again) ? again.ToString("F6", CultureInfo.InvariantCulture) : "–");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
