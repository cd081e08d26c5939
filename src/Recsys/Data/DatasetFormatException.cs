namespace Sweeps.Recsys.Data;

/// <summary>A line that does not match the expected layout. The message has the form
/// <c>file:line: expected …, found '…'</c> so editors and terminals can jump to the place.</summary>
public sealed class DatasetFormatException : DatasetException
{
    private const int MaxQuotedLength = 80;

    public DatasetFormatException(string file, long lineNumber, string expected, string found)
        : base($"{file}:{lineNumber}: expected {expected}, found '{Shorten(found)}'")
    {
        File = file;
        LineNumber = lineNumber;
    }

    public string File { get; }

    /// <summary>1-based, as editors count.</summary>
    public long LineNumber { get; }

    private static string Shorten(string text) =>
        text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "…";
}
