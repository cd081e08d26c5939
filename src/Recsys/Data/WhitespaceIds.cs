namespace Sweeps.Recsys.Data;

/// <summary>Parses a whitespace-separated line of integer ids without allocating a string per token.</summary>
public static class WhitespaceIds
{
    /// <summary>Appends the ids of <paramref name="line"/> to <paramref name="ids"/>.</summary>
    /// <returns>Null on success, otherwise the first token that is not an integer.</returns>
    public static string? TryParse(string line, List<int> ids)
    {
        var rest = line.AsSpan();
        while (true)
        {
            rest = rest.TrimStart();
            if (rest.IsEmpty)
                return null;
            var end = 0;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
                end++;
            var token = rest[..end];
            if (!int.TryParse(token, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id))
                return token.ToString();
            ids.Add(id);
            rest = rest[end..];
        }
    }
}
