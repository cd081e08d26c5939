using System.CommandLine;
using Sweeps.Cli.Commands.Bench;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps bench &lt;what&gt;</c>: one subverb per benchmark, each a class with a static
/// <c>Create()</c> and one line here.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure parts of the system.");
        command.Subcommands.Add(OrchestratorBench.Create());
        command.Subcommands.Add(OpsBenchCommand.Create());
        command.Subcommands.Add(TrainBench.Create());
        command.Subcommands.Add(ExpansionBench.Create());
        command.Subcommands.Add(ChaosBench.Create());
        return command;
    }
}
