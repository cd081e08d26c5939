namespace Sweeps.Recsys.Data;

/// <summary>The non-blank lines of a text file with their 1-based line numbers, so every reader
/// reports positions the same way and a trailing newline or blank separator is never an error.</summary>
public static class NumberedLines
{
    public static IEnumerable<(long Number, string Text)> Read(string path)
    {
        long number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
                yield return (number, line);
        }
    }
}
