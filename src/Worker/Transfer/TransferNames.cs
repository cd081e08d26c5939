namespace Sweeps.Worker.Transfer;

/// <summary>The names a transfer may carry. Both ends check them before building a path, so a name
/// can never reach outside the folder it is meant for.</summary>
public static class TransferNames
{
    /// <summary>A file or folder name of letters, digits, '-', '_' and '.', not starting with '.'
    /// (the transfer's own files start with one), at most 200 characters.</summary>
    public static bool IsPlain(string? name) =>
        name is { Length: > 0 and <= 200 } && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A lower-case hex SHA-256.</summary>
    public static bool IsSha256(string? hash) => hash is { Length: 64 } && hash.All(char.IsAsciiHexDigitLower);
}
