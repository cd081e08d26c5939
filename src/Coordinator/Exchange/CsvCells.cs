namespace Sweeps.Coordinator.Exchange;

/// <summary>RFC 4180 quoting, shared by every CSV the project writes.</summary>
public static class CsvCells
{
    public static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
