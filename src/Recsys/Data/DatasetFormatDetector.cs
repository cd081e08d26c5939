namespace Sweeps.Recsys.Data;

/// <summary>Guesses the layout from the first lines of a file. JSON and MovieLens lines identify
/// themselves; for whitespace layouts any line with more than two tokens means one line per user.
/// A file whose lines all have two tokens reads the same under both whitespace layouts when no user
/// repeats, so choosing <see cref="DatasetFormat.UserItem"/> there is never wrong.</summary>
public static class DatasetFormatDetector
{
    private const int LinesToInspect = 1000;

    public static DatasetFormat Detect(string path)
    {
        var inspected = 0;
        foreach (var (_, text) in NumberedLines.Read(path))
        {
            var line = text.TrimStart();
            if (inspected == 0)
            {
                if (line.StartsWith('{'))
                    return DetectJson(path, line);
                if (line.Contains("::", StringComparison.Ordinal))
                    return DatasetFormat.MovieLens;
            }
            if (line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > 2)
                return DatasetFormat.UserSequence;
            if (++inspected == LinesToInspect)
                break;
        }
        if (inspected == 0)
            throw new DatasetException($"{path}: the file is empty");
        return DatasetFormat.UserItem;
    }

    private static DatasetFormat DetectJson(string path, string line)
    {
        if (line.Contains("\"reviewerID\"", StringComparison.Ordinal))
            return DatasetFormat.AmazonJson;
        if (line.Contains("\"business_id\"", StringComparison.Ordinal))
            return DatasetFormat.YelpJson;
        throw new DatasetException($"{path}: JSON lines without 'reviewerID' (Amazon) or 'business_id' (Yelp); pass --format explicitly");
    }
}
