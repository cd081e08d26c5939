using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Sweeps.Cli.Tests;

/// <summary>`sweeps run` of a sweep that keeps its weights, then `sweeps figures`: the weights lie
/// beside the store and every kind of figure is written as PNG and SVG.</summary>
public sealed class FiguresCommandTests
{
    private const string Sweep = """
        name: figs
        datasets: [synthetic-small]
        models: [sasrec, fparec, fixed_linear, pka]
        seeds: [1]
        fixed:
          maxlen: 8
          k: 4
          hidden: 8
          batch: 128
        training:
          epochs: 2
          eval_every: 1
        overrides:
          - when: {models: pka}
            grid:
              pka_apply: [sandwich, logits_mul]
        keep: [weights]
        """;

    [Fact]
    public async Task A_sweep_that_keeps_weights_gets_attention_correlation_kernel_pattern_and_curve_figures()
    {
        var dir = Directory.CreateTempSubdirectory("sweeps-figures-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "figs.yaml"), Sweep);
        await RunAsync(dir, "run", "figs.yaml", "--plain");
        Assert.Equal(5, Directory.GetFiles(Path.Combine(dir, "results", "weights"), "*.swt").Length);

        var output = await RunAsync(dir, "figures", "figs", "--out", "figures");

        var names = Directory.GetFiles(Path.Combine(dir, "figures")).Select(Path.GetFileName).Order().ToList();
        Assert.Contains("wrote", output);
        Assert.Contains(names, n => n!.StartsWith("attention-synthetic-small-fparec-", StringComparison.Ordinal) && n.EndsWith("-layer2.png", StringComparison.Ordinal));
        Assert.Contains(names, n => n!.StartsWith("position-correlation-synthetic-small-sasrec-", StringComparison.Ordinal) && n.EndsWith(".svg", StringComparison.Ordinal));
        // pka's sandwich with its default Toeplitz U and full L: U by offset, L as a matrix per block;
        // logits_mul: the product C per block.
        Assert.Single(names, n => Regex.IsMatch(n!, @"^kernel-offsets-synthetic-small-pka-[0-9a-f]{8}\.png$"));
        Assert.Equal(2, names.Count(n => Regex.IsMatch(n!, @"^kernel-synthetic-small-pka-[0-9a-f]{8}-layer[12]-lower\.png$")));
        Assert.Equal(2, names.Count(n => Regex.IsMatch(n!, @"^kernel-synthetic-small-pka-[0-9a-f]{8}-layer[12]\.png$")));
        Assert.Contains("pattern-fixed_linear-n8.png", names);
        Assert.Contains("curves-synthetic-small-valid-ndcg10.svg", names);
        Assert.Equal(names.Count(n => n!.EndsWith(".png", StringComparison.Ordinal)), names.Count(n => n!.EndsWith(".svg", StringComparison.Ordinal)));
        foreach (var svg in names.Where(n => n!.EndsWith(".svg", StringComparison.Ordinal)))
            Assert.Equal("svg", XDocument.Load(Path.Combine(dir, "figures", svg!)).Root!.Name.LocalName);
        Assert.All(names.Where(n => n!.EndsWith(".png", StringComparison.Ordinal)),
            png => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(dir, "figures", png!))[..4]));
    }

    private static async Task<string> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sweeps.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"sweeps {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
        return await output;
    }
}
