using Sweeps.Cli.Terminal;

namespace Sweeps.Cli.Tests;

public sealed class RemainingTimeTests
{
    [Theory]
    [InlineData(5 * 3600 + 29 * 60 + 32, "~5h29m")]
    [InlineData(26 * 3600 + 5 * 60, "~26h05m")]
    [InlineData(3600, "~1h00m")]
    [InlineData(3 * 60 + 10, "~3m")]
    [InlineData(59, "<1m")]
    public void The_time_left_reads_as_a_duration_not_a_clock_time(int seconds, string expected) =>
        Assert.Equal(expected, RemainingTime.Format(TimeSpan.FromSeconds(seconds)));
}
