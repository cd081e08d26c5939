using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sweeps.Cli.Tests;

/// <summary>The example of docs/report.md, run as written: its sweep file and every command of its
/// shell block, in order, each of which must succeed.</summary>
public sealed partial class ReportDocExamplesTests
{
    [Fact]
    public async Task The_report_export_and_import_example_runs_as_documented()
    {
        var doc = await File.ReadAllTextAsync(DocPath());
        var yaml = Block().Matches(doc).Single(m => m.Groups["lang"].Value == "yaml").Groups["body"].Value;
        var commands = Block().Matches(doc).Single(m => m.Groups["lang"].Value == "sh").Groups["body"].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dir = Directory.CreateTempSubdirectory("sweeps-report-doc-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        await File.WriteAllTextAsync(Path.Combine(dir, "data", "toy.txt"), "1 1 2 3\n2 2 3 4\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "demo.yaml"), yaml);

        var outputs = new List<string>();
        foreach (var command in commands)
        {
            Assert.StartsWith("sweeps ", command);
            var (code, output) = await RunAsync(dir, command["sweeps ".Length..].Split(' '));
            Assert.True(code == 0, $"`{command}` exited {code}:\n{output}");
            outputs.Add(output);
        }

        Assert.Contains("maxlen", outputs[1]);
        Assert.Contains("### Table 3", outputs[2]);
        Assert.True(File.Exists(Path.Combine(dir, "results", "demo", "table2.csv")));
        var exported = await File.ReadAllLinesAsync(Path.Combine(dir, "results", "demo", "demo.jsonl"));
        Assert.Equal(1 + 6, exported.Length);
        Assert.Equal(1 + 6, (await File.ReadAllLinesAsync(Path.Combine(dir, "results", "demo", "demo.csv"))).Length);
        Assert.Contains("6 results restored", outputs[6]);
        using var json = JsonDocument.Parse(outputs[7]);
        Assert.Equal(2, json.RootElement.GetProperty("configs").GetArrayLength());
        Assert.Contains("### Configs: Every config of the sweep", outputs[8]);
    }

    private static async Task<(int Code, string Output)> RunAsync(string dir, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sweeps.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + (process.ExitCode == 0 ? "" : await error));
    }

    private static string DocPath([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "docs", "report.md");

    [GeneratedRegex("```(?<lang>yaml|sh)\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();
}
