using System.Globalization;

namespace Sweeps.Recsys.Data;

/// <summary>Amazon review JSON lines (<c>reviewerID</c>, <c>asin</c>, <c>unixReviewTime</c>); each review is an
/// interaction. Products get ids 1, 2, … in order of first appearance in the file.</summary>
public sealed class AmazonReviewReader : IDatasetReader
{
    private const string Expected = "a JSON object with string 'reviewerID', string 'asin' and integer 'unixReviewTime'";
    private static readonly string[] Fields = ["reviewerID", "asin", "unixReviewTime"];

    public DatasetFormat Format => DatasetFormat.AmazonJson;

    public InteractionDataset Read(string path, DatasetReadOptions options)
    {
        var filter = new MinDateFilter(options.MinDate);
        var builder = new InteractionLogBuilder<string>();
        var products = new KeyInterner();
        var values = new string?[Fields.Length];
        foreach (var (number, text) in NumberedLines.Read(path))
        {
            if (!JsonLineFields.TryRead(text, Fields, values)
                || values[0] is not { Length: > 0 } user
                || values[1] is not { Length: > 0 } asin
                || !long.TryParse(values[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
                throw new DatasetFormatException(path, number, Expected);
            if (filter.Keeps(timestamp))
                builder.Add(user, products.Intern(asin), timestamp);
        }
        return builder.Build(sortByTimestamp: true);
    }
}
