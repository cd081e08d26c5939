using Sweeps.Contracts.Benchmarks;

namespace Sweeps.Contracts.Tests;

public class ExpansionBenchmarkTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(25_000, 30_000)]
    public void The_benchmark_expands_at_least_the_target_and_as_many_as_counted(int target, long expected)
    {
        var result = ExpansionBenchmark.Run(target);

        Assert.Equal(expected, result.Jobs);
        Assert.Equal(result.CountedJobs, result.Jobs);
        Assert.True(result.Seconds > 0);
        Assert.True(result.PeakManagedBytes > 0);
    }

    [Fact]
    public void A_large_expansion_keeps_memory_bounded()
    {
        var result = ExpansionBenchmark.Run(200_000);

        Assert.Equal(200_000, result.Jobs);
        Assert.True(result.PeakGrowthBytes < 64L << 20, $"heap grew by {result.PeakGrowthBytes} bytes");
    }
}
