using System.CommandLine;
using Sweeps.Cli;
using Sweeps.Cli.Commands;
using Sweeps.Cli.Terminal;

OutputStyle.Apply();
var verbose = new Option<bool>("--verbose") { Description = "Print the stack trace of an error.", Recursive = true };
var root = new RootCommand("Sweeps: hyperparameter sweeps for sequential recommendation (PARec / FPARec and baselines).") { verbose };
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
CommandExamples.Apply(root);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    var name = parse.CommandResult.Command == root ? "sweeps" : $"sweeps {parse.CommandResult.Command.Name}";
    foreach (var error in parse.Errors) Console.Error.WriteLine($"{name}: {error.Message}");
    Console.Error.WriteLine($"see `{name} --help`");
    return ExitCodes.Usage;
}
try
{
    // Commands that run jobs handle SIGINT/SIGTERM themselves (ShutdownSignals); errors are reported below.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
}
catch (Exception e)
{
    return ErrorReport.Write(e, parse.GetValue(verbose), Console.Error);
}
