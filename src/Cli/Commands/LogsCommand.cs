using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sweeps.Cli.Commands.Inspection;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cli.Terminal;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps logs JOB</c>: one job's history from the store or a cluster's coordinator
/// (read-only): what it is, the sweeps that contain it, every attempt with its worker, times, outcome
/// and error, and its epoch curve.</summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var jobId = new Argument<string>("job") { Description = "Job id or an unambiguous prefix (as `sweeps status SWEEP` shows it)." };
        var sources = new SweepSources();
        var json = OrchestrationOptions.Json();
        var command = new Command("logs", "A job's attempts, errors and epoch curve.") { jobId, json };
        foreach (var option in sources.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var source = sources.Open(parse);
            var id = parse.GetValue(jobId)!;
            if (await source.JobLogAsync(id, cancellationToken) is not { } log)
            {
                Console.Error.WriteLine($"sweeps logs: no job '{id}', or more than one starts so: give more of its id (see `sweeps status SWEEP`)");
                return ExitCodes.NotFound;
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(log, new JsonSerializerOptions(JsonSerializerDefaults.Web)
                {
                    WriteIndented = true,
                    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
                    Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
                }));
                return ExitCodes.Ok;
            }
            var job = log.Job;
            Console.WriteLine($"job {job.Id}");
            Console.WriteLine($"  {job.Model} on {job.Dataset}, seed {job.Seed}; {job.State}, {job.Attempts} attempt(s) counted; sweeps: {string.Join(", ", log.Sweeps)}");
            if (!string.IsNullOrEmpty(job.LastError)) Console.WriteLine($"  last: {StatusCommand.OneLine(job.LastError)}");
            var attempts = new TextTable("try", "worker", "queued", "started", "ended", "outcome", "error");
            foreach (var a in log.Attempts)
                attempts.Add(a.Number.ToString(CultureInfo.InvariantCulture), a.WorkerId ?? "–", Time(a.QueuedAt), Time(a.StartedAt), Time(a.FinishedAt),
                    a.Outcome ?? "open", StatusCommand.OneLine(a.Error));
            Console.Write("\n" + (attempts.Count > 0 ? attempts.Render(null) : "no attempts recorded\n"));
            var curve = new TextTable("epoch", "loss", "seconds", "valid NDCG@10", "test NDCG@10");
            foreach (var e in log.Curve)
                curve.Add(e.Epoch.ToString(CultureInfo.InvariantCulture), e.Loss.ToString("F4", CultureInfo.InvariantCulture),
                    e.Seconds.ToString("F1", CultureInfo.InvariantCulture), Metric(e.ValidNdcg10), Metric(e.TestNdcg10));
            Console.Write("\n" + (curve.Count > 0 ? curve.Render(null) : "no epoch curve yet (it is stored with the result)\n"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Time(DateTimeOffset? at) => at?.ToLocalTime().ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "–";

    private static string Metric(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "";
}
