using System.Globalization;
using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Evaluation;
using Sweeps.Recsys.Training;

namespace Sweeps.Recsys.Tests.Training;

internal static class OutcomeAssert
{
    /// <summary>Bit-identical results and curves; wall-clock seconds are the only thing allowed to differ.</summary>
    public static void Same(TrainingOutcome expected, TrainingOutcome actual)
    {
        // The curve first: where two runs part is the most useful thing a failure can say.
        Assert.Equal(expected.Curve.Select(Exact), actual.Curve.Select(Exact));
        Assert.Equal(expected.SelectedEpoch, actual.SelectedEpoch);
        Assert.Equal(Exact(expected.Valid), Exact(actual.Valid));
        Assert.Equal(Exact(expected.Test), Exact(actual.Test));
        Assert.Equal(expected.ParameterCount, actual.ParameterCount);
        Assert.Equal(expected.StoppedEarly, actual.StoppedEarly);
        // The per-user ranks survive a resume too, and are the ranks the test metrics were computed from.
        Assert.Equal(expected.TestRanks, actual.TestRanks);
        Assert.Equal(Exact(actual.Test), Exact(RankingMetrics.FromRanks(Array.ConvertAll(actual.TestRanks!, r => (long)r))));
    }

    private static string Exact(EpochRecord record) =>
        $"epoch {record.Epoch} loss {record.Loss.ToString("R", CultureInfo.InvariantCulture)} valid {Exact(record.Valid)} test {Exact(record.Test)}";

    private static string Exact(MetricSet? metrics) => metrics is null
        ? "-"
        : string.Join(" ", metrics.Values.Select(m => $"{m.Key}={m.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
