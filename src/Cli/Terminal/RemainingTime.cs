using System.Globalization;

namespace Sweeps.Cli.Terminal;

/// <summary>The progress line's estimate of the time left. Written as "~5h29m", never "05:29:32", which
/// beside the line's own timestamp reads as the hour the sweep will end.</summary>
public static class RemainingTime
{
    public static string Format(TimeSpan left) => left.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"~{(int)left.TotalHours}h{left.Minutes:00}m")
        : left.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"~{left.Minutes}m") : "<1m";
}
