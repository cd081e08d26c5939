using System.CommandLine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>Options shared by the verbs that touch the store or run workers, declared once.</summary>
public static class OrchestrationOptions
{
    public const string DefaultStore = "results/sweeps.db";

    public static Option<string> Store() => new("--store")
    {
        Description = "SQLite store of sweeps, jobs and results.",
        DefaultValueFactory = _ => DefaultStore,
    };

    public static Option<int> Workers() => new("--workers")
    {
        Description = "Worker slots (jobs run at once) in this process.",
        DefaultValueFactory = _ => 1,
    };

    public static Option<string> Data() => new("--data")
    {
        Description = "Directory of datasets named by bare name in sweep files (<name>.txt).",
        DefaultValueFactory = _ => "data",
    };

    /// <summary>Opens an existing store without creating one where a user mistyped a path.</summary>
    public static SweepStore OpenExisting(string path) =>
        File.Exists(path) ? SweepStore.Open(path) : throw new FileNotFoundException($"no store at {path} (use --store)");
}
