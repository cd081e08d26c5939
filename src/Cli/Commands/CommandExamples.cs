using System.CommandLine;

namespace Sweeps.Cli.Commands;

/// <summary>One example per command, appended to its help; kept together so `sweeps X --help` always
/// shows how X is typically called. A new verb adds its line here (a test checks every one has one).</summary>
public static class CommandExamples
{
    private static readonly Dictionary<string, string> ByPath = new(StringComparer.Ordinal)
    {
        ["version"] = "sweeps version",
        ["doctor"] = "sweeps doctor",
        ["train"] = "sweeps train --dataset data/beauty.txt --model fparec --set epochs=20",
        ["datasets"] = "sweeps datasets stats data/beauty.txt",
        ["datasets prepare"] = "sweeps datasets prepare raw/ratings_Beauty.csv --out data/beauty.txt",
        ["datasets stats"] = "sweeps datasets stats data/beauty.txt",
        ["datasets generate"] = "sweeps datasets generate --out data/toy.txt",
        ["run"] = "sweeps run sweeps/demo.yaml --workers 2",
        ["status"] = "sweeps status demo --wide",
        ["logs"] = "sweeps logs 3f9a2c1b",
        ["cancel"] = "sweeps cancel demo",
        ["retry"] = "sweeps retry demo --dead-lettered",
        ["rerun"] = "sweeps rerun 3f9a2c1b --data data",
        ["report"] = "sweeps report demo --table comparison --with-paper",
        ["export"] = "sweeps export demo --format jsonl --out demo.jsonl",
        ["import"] = "sweeps import demo.jsonl",
        ["figures"] = "sweeps figures demo --out results/figures/demo",
        ["serve"] = "sweeps serve --workers 2 --urls http://127.0.0.1:5080",
        ["coordinator"] = "sweeps coordinator --cluster redis://redis-host:6379 --store results/sweeps.db --data /srv/datasets --api http://0.0.0.0:5080",
        ["worker"] = "sweeps worker --cluster redis://redis-host:6379 --devices cuda:0,cuda:1 --slots-per-device 2 --cache /var/cache/sweeps",
        ["submit"] = "sweeps submit sweeps/smoke.yaml --coordinator http://coordinator-host:5080",
        ["bench"] = "sweeps bench orchestrator --jobs 1000",
        ["bench orchestrator"] = "sweeps bench orchestrator --jobs 1000 --workers 2",
        ["bench ops"] = "sweeps bench ops",
        ["bench train"] = "sweeps bench train --dataset data/beauty.txt --model fparec --epochs 2",
        ["bench expansion"] = "sweeps bench expansion --jobs 100000",
        ["bench chaos"] = "sweeps bench chaos --jobs 200 --seed 42",
    };

    /// <summary>Appends "Example:" to the description of every command under <paramref name="root"/>.</summary>
    /// <returns>The paths of commands that have no example.</returns>
    public static IReadOnlyList<string> Apply(Command root)
    {
        var missing = new List<string>();
        foreach (var (path, command) in Walk(root, ""))
        {
            if (ByPath.TryGetValue(path, out var example)) command.Description += $"\n\nExample:\n  {example}";
            else missing.Add(path);
        }
        return missing;
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            yield return (path, sub);
            foreach (var nested in Walk(sub, path)) yield return nested;
        }
    }
}
