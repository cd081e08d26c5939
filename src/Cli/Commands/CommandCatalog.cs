using System.CommandLine;
using Sweeps.Cli.Commands.Cluster;

namespace Sweeps.Cli.Commands;

/// <summary>Every top-level `sweeps` verb, in the order `sweeps --help` lists them. A new verb is one
/// class with a static <c>Create()</c> plus one line here.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return DoctorCommand.Create();
        yield return TrainCommand.Create();
        yield return DatasetsCommand.Create();
        yield return RunCommand.Create();
        yield return StatusCommand.Create();
        yield return LogsCommand.Create();
        yield return CancelCommand.Create();
        yield return RetryCommand.Create();
        yield return FiguresCommand.Create();
        yield return RerunCommand.Create();
        yield return ReportCommand.Create();
        yield return ExportCommand.Create();
        yield return ImportCommand.Create();
        yield return ServeCommand.Create();
        yield return CoordinatorCommand.Create();
        yield return WorkerCommand.Create();
        yield return SubmitCommand.Create();
        yield return BenchCommand.Create();
    }
}
