using System.CommandLine;
using Sweeps.Cli.Commands;
using Sweeps.Cli.Tests.Support;

namespace Sweeps.Cli.Tests;

/// <summary>Every command's help ends with an example, and output redirected or under NO_COLOR has no
/// escape codes.</summary>
public sealed class HelpTests
{
    [Fact]
    public void Every_command_has_an_example()
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        Assert.Empty(CommandExamples.Apply(root));
        Assert.All(root.Subcommands, c => Assert.Contains("Example:\n  sweeps", c.Description));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("run")]
    public async Task Help_shows_the_example(string command)
    {
        var (code, output, _) = await CliProcess.RunAsync(Path.GetTempPath(), command, "--help");
        Assert.Equal(0, code);
        Assert.Contains($"Example:", output);
        Assert.Contains($"sweeps {command} ", output);
    }

    [Fact]
    public async Task Redirected_output_has_no_colour_codes()
    {
        using var folder = new SweepFolder();
        var file = folder.WriteNoopSweep("plain", seeds: 1, sleepMs: 0);
        var (code, output, error) = await CliProcess.RunAsync(folder.Path, "run", file);
        Assert.True(code == 0, error);
        Assert.DoesNotContain("\u001b[", output + error);
    }
}
