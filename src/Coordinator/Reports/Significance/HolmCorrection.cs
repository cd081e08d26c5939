namespace Sweeps.Coordinator.Reports.Significance;

/// <summary>Holm's step-down adjustment of p-values for testing several cells of a row at once: the
/// adjusted values can be compared with α directly and keep the family-wise error at α.</summary>
public static class HolmCorrection
{
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var step = 0; step < m; step++)
        {
            running = Math.Max(running, Math.Min(1, (m - step) * pValues[order[step]]));
            adjusted[order[step]] = running;
        }
        return adjusted;
    }
}
