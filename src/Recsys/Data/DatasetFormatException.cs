namespace Sweeps.Recsys.Data;

/// <summary>A line that does not match the expected layout. The message has the form
/// <c>file:line: expected …</c> so editors and terminals can jump to the place. It never repeats the
/// line itself: the file may be one the person reading the error is not allowed to read.</summary>
public sealed class DatasetFormatException(string file, long lineNumber, string expected)
    : DatasetException($"{file}:{lineNumber}: expected {expected}")
{
    public string File { get; } = file;

    /// <summary>1-based, as editors count.</summary>
    public long LineNumber { get; } = lineNumber;
}
