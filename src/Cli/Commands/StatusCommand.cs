using System.CommandLine;
using System.Text.Json;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cli.Terminal;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Cli.Commands.Inspection;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps status [SWEEP]</c>: read-only, so it works while a run or serve owns the store.
/// Per sweep the job counts by state (only states that occur); for one sweep also its running jobs
/// with epoch and worker, its failed and dead-lettered jobs with their errors, and the configs still
/// missing seeds. Fits 80 columns unless --wide; --json for scripts. Reads the store, or a cluster's
/// coordinator over its HTTP API (--coordinator).</summary>
public static class StatusCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly (JobState State, string Header)[] Columns =
    [
        (JobState.Succeeded, "done"), (JobState.Running, "running"), (JobState.Queued, "queued"), (JobState.Pending, "pending"),
        (JobState.Failed, "failed"), (JobState.DeadLettered, "dead"), (JobState.Cancelled, "cancelled"),
    ];

    public static Command Create()
    {
        var sweepId = new Argument<string?>("sweep") { Description = "Show one sweep in detail.", Arity = ArgumentArity.ZeroOrOne };
        var sources = new SweepSources();
        var wide = new Option<bool>("--wide") { Description = "Every column and whole error messages, however wide." };
        var json = OrchestrationOptions.Json();
        var command = new Command("status", "Job states of sweeps; for one sweep also running jobs, failures with their errors, and configs missing seeds.")
        {
            sweepId, wide, json,
        };
        foreach (var option in sources.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var source = sources.Open(parse);
            var wanted = parse.GetValue(sweepId);
            var sweeps = (await source.ListSweepsAsync(cancellationToken)).Where(s => wanted is null || s.Id == wanted).ToList();
            if (wanted is not null && sweeps.Count == 0)
            {
                Console.Error.WriteLine($"sweeps status: no sweep '{wanted}' in {source.Where}; `sweeps status` lists them");
                return ExitCodes.NotFound;
            }
            var owner = source.Owner;
            var width = parse.GetValue(wide) ? (int?)null : OutputStyle.Width;
            if (wanted is null)
            {
                if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(new { owner, sweeps = sweeps.Select(ToJson) }, JsonOptions));
                else Console.Write(Owner(owner) + Counts(sweeps, parse.GetValue(wide)).Render(width));
                return ExitCodes.Ok;
            }
            var sweep = sweeps[0];
            var running = await source.ListJobsAsync(wanted, JobState.Running, cancellationToken);
            var failed = (await source.ListJobsAsync(wanted, JobState.Failed, cancellationToken))
                .Concat(await source.ListJobsAsync(wanted, JobState.DeadLettered, cancellationToken)).ToList();
            var report = await source.ReportAsync(wanted, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    owner, sweep = ToJson(sweep), running, failed,
                    incomplete = report!.Incomplete.Select(c => new { c.ConfigId, c.Dataset, c.Model, c.Parameters, c.MissingSeeds }),
                }, JsonOptions));
                return ExitCodes.Ok;
            }
            Console.Write(Owner(owner) + Counts(sweeps, parse.GetValue(wide)).Render(width));
            if (running.Count > 0)
            {
                var table = new TextTable("running", "model", "dataset", "seed", "epoch", "worker");
                foreach (var job in running)
                    table.Add(Short(job.Id), job.Model, job.Dataset, job.Seed.ToString(), job.CurrentEpoch is { } e ? $"{e}/{job.TotalEpochs}" : "starting", job.WorkerId ?? "");
                Console.Write("\n" + table.Render(width));
            }
            if (failed.Count > 0)
            {
                var table = new TextTable("failed", "state", "tries", "error");
                foreach (var job in failed)
                    table.Add(Short(job.Id), job.State == JobState.DeadLettered ? "dead" : "failed", job.Attempts.ToString(), OneLine(job.LastError));
                Console.Write("\n" + table.Render(width));
                Console.WriteLine($"`sweeps logs JOB` shows a job's attempts; `sweeps retry {wanted}` tries them again");
            }
            var holes = new TextTable("config", "dataset", "model", "parameters", "missing seeds");
            foreach (var config in report!.Incomplete)
                holes.Add(config.ConfigId[..8], config.Dataset, config.Model,
                    string.Join(" ", report.VaryingKeys.Concat(report.Tuned).Where(config.Parameters.ContainsKey).Select(k => $"{k}={config.Parameters[k]}")),
                    string.Join(",", config.MissingSeeds));
            Console.Write("\n" + (holes.Count > 0 ? holes.Render(width) : "every config has all its seeds\n"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Owner(string? owner) =>
        owner is null ? "" : $"being run by {owner}\n";

    /// <summary>Per sweep the count of each state, with only the states that occur unless <paramref name="wide"/>.</summary>
    private static TextTable Counts(IReadOnlyList<SweepSummary> sweeps, bool wide)
    {
        var shown = Columns.Where(c => wide || sweeps.Any(s => s.Count(c.State) > 0)).ToList();
        var table = new TextTable(["sweep", "jobs", .. shown.Select(c => c.Header)]);
        foreach (var sweep in sweeps)
            table.Add([sweep.Id + (sweep.Cancelled ? " (cancelled)" : ""), sweep.Total.ToString(), .. shown.Select(c => sweep.Count(c.State).ToString())]);
        return table;
    }

    private static object ToJson(SweepSummary s) => new
    {
        id = s.Id, cancelled = s.Cancelled, total = s.Total,
        states = Enum.GetValues<JobState>().ToDictionary(state => state.ToString(), s.Count),
    };

    internal static string Short(string jobId) => jobId[..Math.Min(12, jobId.Length)];

    internal static string OneLine(string? text) => (text ?? "").ReplaceLineEndings(" ").Trim();
}
