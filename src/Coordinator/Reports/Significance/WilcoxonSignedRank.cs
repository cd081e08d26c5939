using MathNet.Numerics.Distributions;

namespace Sweeps.Coordinator.Reports.Significance;

/// <summary>The two-sided Wilcoxon signed-rank test of paired samples, by its normal approximation with
/// tie and continuity corrections: the pairs here are thousands of users, where the approximation is
/// exact to many digits. Zero differences are dropped (Wilcoxon's convention): most users are outside
/// both models' top 10 and say nothing about which is better.</summary>
public static class WilcoxonSignedRank
{
    /// <returns>1 when every pair is equal.</returns>
    public static double TwoSidedP(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException("paired samples differ in length");
        var differences = a.Zip(b, (x, y) => x - y).Where(d => d != 0).ToArray();
        var n = differences.Length;
        if (n == 0) return 1;
        var order = Enumerable.Range(0, n).OrderBy(i => Math.Abs(differences[i])).ToArray();
        double positiveRankSum = 0, tieTerm = 0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && Math.Abs(differences[order[end + 1]]) == Math.Abs(differences[order[start]])) end++;
            var averageRank = (start + end) / 2.0 + 1;
            var ties = end - start + 1;
            tieTerm += (double)ties * ties * ties - ties;
            for (var i = start; i <= end; i++)
                if (differences[order[i]] > 0) positiveRankSum += averageRank;
            start = end + 1;
        }
        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1) * (2.0 * n + 1) / 24 - tieTerm / 48;
        if (variance <= 0) return 1;
        var deviation = Math.Max(0, Math.Abs(positiveRankSum - mean) - 0.5);
        // The lower tail, not 1 − CDF, keeps p-values far below 1e-16 from rounding to zero.
        return Math.Min(1, 2 * Normal.CDF(0, 1, -deviation / Math.Sqrt(variance)));
    }
}
