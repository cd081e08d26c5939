using System.Globalization;

namespace Sweeps.Recsys.Data;

/// <summary>Number formatting of FPARec Table 2: counts with thousands separators ("22,363"),
/// interactions in millions with two decimals ("0.20M"), average length with two decimals ("8.88").</summary>
public static class PaperTableFormat
{
    public static readonly string[] Columns = ["Dataset", "# Users", "# Items", "# Interactions", "Avg. length"];

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Millions(long value) => (value / 1e6).ToString("F2", CultureInfo.InvariantCulture) + "M";

    public static string TwoDecimals(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string[] Row(string name, DatasetStatistics stats) =>
        [name, Count(stats.Users), Count(stats.Items), Millions(stats.Interactions), TwoDecimals(stats.AverageLength)];
}
