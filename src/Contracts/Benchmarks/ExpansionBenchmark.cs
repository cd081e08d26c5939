using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Contracts.Benchmarks;

/// <summary>Measures how fast a large grid expands (for <c>sweeps bench</c>): a noop sweep of at least
/// the requested number of jobs is parsed, then every job is expanded and touched.</summary>
public static class ExpansionBenchmark
{
    /// <summary>Grid axes of ten values each; the seeds absorb what is left of the target.</summary>
    private static readonly (string Key, Func<int, string> Value)[] Axes =
    [
        ("maxlen", i => (10 * (i + 1)).ToString(CultureInfo.InvariantCulture)),
        ("hidden", i => (8 * (i + 1)).ToString(CultureInfo.InvariantCulture)),
        ("batch", i => (16 * (i + 1)).ToString(CultureInfo.InvariantCulture)),
        ("lr", i => (0.0001 * (i + 1)).ToString("R", CultureInfo.InvariantCulture)),
        ("dropout", i => (0.05 * i).ToString("R", CultureInfo.InvariantCulture)),
        ("epochs", i => (i + 1).ToString(CultureInfo.InvariantCulture)),
    ];

    private const int SampleEvery = 4096;

    /// <param name="targetJobs">At least this many jobs are expanded (rounded up to the grid's shape).</param>
    /// <param name="computeIds">Also hash every job's canonical JSON, as the coordinator does on submit.</param>
    public static ExpansionBenchmarkResult Run(int targetJobs, bool computeIds = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetJobs, 1);
        var spec = SweepParser.Parse(SweepText(targetJobs), "benchmark.yaml", new NameOnlyDatasetResolver());

        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        var clock = Stopwatch.StartNew();
        long jobs = 0;
        long checksum = 0;
        foreach (var job in GridExpander.Expand(spec))
        {
            checksum += job.Seed + job.Parameters.Count + (computeIds ? job.Id.Length : 0);
            if (++jobs % SampleEvery == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
        }
        clock.Stop();
        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
        if (checksum == 0) throw new InvalidOperationException("nothing was expanded");
        return new ExpansionBenchmarkResult(jobs, spec.JobCount, clock.Elapsed.TotalSeconds, peak, peak - baseline);
    }

    /// <summary>A noop sweep whose size is the smallest product of ten-value axes and seeds ≥ target.</summary>
    private static string SweepText(int targetJobs)
    {
        var text = new StringBuilder("name: expansion-benchmark\ndatasets: [benchmark]\nmodels: [noop]\n");
        var remaining = (long)targetJobs;
        foreach (var (key, value) in Axes)
        {
            if (remaining <= 10) break;
            if (key == Axes[0].Key) text.Append("grid:\n");
            text.Append("  ").Append(key).Append(": [")
                .AppendJoin(", ", Enumerable.Range(0, 10).Select(value)).Append("]\n");
            remaining = (remaining + 9) / 10;
        }
        text.Append("seeds: [").AppendJoin(", ", Enumerable.Range(1, (int)remaining)).Append("]\n");
        return text.ToString();
    }
}

/// <param name="Jobs">Jobs actually expanded.</param>
/// <param name="CountedJobs">What <see cref="SweepSpec.JobCount"/> predicted; equal to <paramref name="Jobs"/>.</param>
/// <param name="PeakManagedBytes">Largest managed heap size sampled during the expansion.</param>
/// <param name="PeakGrowthBytes">How far the heap grew above what it was before expanding.</param>
public sealed record ExpansionBenchmarkResult(long Jobs, long CountedJobs, double Seconds, long PeakManagedBytes, long PeakGrowthBytes)
{
    public double JobsPerSecond => Jobs / Seconds;
}
