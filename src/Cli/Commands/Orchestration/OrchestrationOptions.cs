using System.CommandLine;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>Options shared by the verbs that touch the store or run workers, declared once.</summary>
public static class OrchestrationOptions
{
    public const string DefaultStore = "results/sweeps.db";
    public const int MaxWorkers = 256;

    public static Option<string> Store() => new("--store")
    {
        Description = "SQLite store of sweeps, jobs and results.",
        DefaultValueFactory = _ => DefaultStore,
    };

    public static Option<int> Workers()
    {
        var workers = new Option<int>("--workers")
        {
            Description = $"Worker slots (jobs run at once) in this process, 1 to {MaxWorkers}.",
            DefaultValueFactory = _ => 1,
        };
        workers.Validators.Add(result =>
        {
            var n = result.GetValue(workers);
            if (n is < 1 or > MaxWorkers) result.AddError($"--workers must be between 1 and {MaxWorkers}, got {n}");
        });
        return workers;
    }

    public static Option<string> Data() => new("--data")
    {
        Description = "Directory of datasets named by bare name in sweep files (<name>.txt).",
        DefaultValueFactory = _ => "data",
    };

    public static Option<bool> Replace() => new("--replace")
    {
        Description = "Let this file replace a different one submitted under the same sweep name (the old job list is kept in the sweep's history).",
    };

    public static Option<long> MaxSubmissionJobs()
    {
        var limit = new Option<long>("--max-submission-jobs")
        {
            Description = "Most jobs one submission may name; larger sweeps are refused (HTTP 413).",
            DefaultValueFactory = _ => CoordinatorOptions.DefaultMaxSubmissionJobs,
        };
        limit.Validators.Add(r => { if (r.GetValue(limit) < 1) r.AddError("--max-submission-jobs must be at least 1"); });
        return limit;
    }

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts instead of text." };

    /// <summary>Opens an existing store for reading, without creating one where a user mistyped a path;
    /// works while another process runs the store.</summary>
    public static SweepStore OpenExisting(string path) => SweepStore.OpenReadOnly(path);
}
