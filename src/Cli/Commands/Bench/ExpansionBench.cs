using System.CommandLine;
using System.Globalization;
using Sweeps.Contracts.Benchmarks;

namespace Sweeps.Cli.Commands.Bench;

/// <summary><c>sweeps bench expansion</c>: how fast a large grid streams into JobSpecs, with and
/// without hashing each job's id, and how far the managed heap grows meanwhile.</summary>
public static class ExpansionBench
{
    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "Grid size to expand (at least).", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("expansion", "Speed and memory of expanding a large sweep grid.") { jobs };
        command.SetAction(parse =>
        {
            var c = CultureInfo.InvariantCulture;
            foreach (var withIds in new[] { false, true })
            {
                var r = ExpansionBenchmark.Run(parse.GetValue(jobs), computeIds: withIds);
                Console.WriteLine(string.Create(c,
                    $"{r.Jobs:N0} jobs {(withIds ? "with ids" : "without ids")}: {r.Seconds:F2} s ({r.JobsPerSecond:N0} jobs/s), managed heap peak {r.PeakManagedBytes / 1048576.0:F1} MiB (+{r.PeakGrowthBytes / 1048576.0:F1} MiB)"));
            }
            return 0;
        });
        return command;
    }
}
