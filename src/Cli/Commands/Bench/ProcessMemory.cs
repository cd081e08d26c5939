using System.Globalization;

namespace Sweeps.Cli.Commands.Bench;

/// <summary>This process's memory as the kernel counts it (/proc/self/status), in MiB; NaN where
/// there is no /proc.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size now (VmRSS).</summary>
    public static double ResidentMiB() => StatusMiB("VmRSS:");

    /// <summary>Largest resident set size so far (VmHWM).</summary>
    public static double PeakResidentMiB() => StatusMiB("VmHWM:");

    private static double StatusMiB(string field)
    {
        if (!File.Exists("/proc/self/status")) return double.NaN;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
