using System.CommandLine;
using Sweeps.Cli.Commands;

var root = new RootCommand("Sweeps: hyperparameter sweeps for sequential recommendation (PARec / FPARec and baselines).");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
