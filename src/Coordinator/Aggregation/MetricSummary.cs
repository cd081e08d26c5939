namespace Sweeps.Coordinator.Aggregation;

/// <summary>One metric over the seeds of a config. <see cref="Std"/> is the sample standard deviation
/// (n − 1), 0 for a single seed: with the paper's three seeds the spread is an estimate, not a census.</summary>
public sealed record MetricSummary(double Median, double Mean, double Std, int N)
{
    public static MetricSummary Of(IReadOnlyCollection<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var mean = sorted.Average();
        var std = n > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : 0;
        return new MetricSummary(median, mean, std, n);
    }
}
