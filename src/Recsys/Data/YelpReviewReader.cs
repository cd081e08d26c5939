using System.Globalization;

namespace Sweeps.Recsys.Data;

/// <summary>Yelp review JSON lines (<c>user_id</c>, <c>business_id</c>, <c>date</c> as <c>yyyy-MM-dd HH:mm:ss</c>);
/// each review is an interaction. Businesses get ids 1, 2, … in order of first appearance among the kept
/// records. Records before the minimum date (default 2019-01-01, as in the paper) are dropped.</summary>
public sealed class YelpReviewReader : IDatasetReader
{
    private const string Expected = "a JSON object with string 'user_id', string 'business_id' and 'date' as 'yyyy-MM-dd HH:mm:ss'";
    private static readonly string[] Fields = ["user_id", "business_id", "date"];
    private static readonly string[] DateLayouts = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    public DatasetFormat Format => DatasetFormat.YelpJson;

    public InteractionDataset Read(string path, DatasetReadOptions options)
    {
        var filter = new MinDateFilter(options.MinDate ?? DatasetReadOptions.DefaultYelpMinDate);
        var builder = new InteractionLogBuilder<string>();
        var businesses = new KeyInterner();
        var values = new string?[Fields.Length];
        foreach (var (number, text) in NumberedLines.Read(path))
        {
            if (!JsonLineFields.TryRead(text, Fields, values)
                || values[0] is not { Length: > 0 } user
                || values[1] is not { Length: > 0 } business
                || !DateTime.TryParseExact(values[2], DateLayouts, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                throw new DatasetFormatException(path, number, Expected);
            var timestamp = new DateTimeOffset(date, TimeSpan.Zero).ToUnixTimeSeconds();
            if (filter.Keeps(timestamp))
                builder.Add(user, businesses.Intern(business), timestamp);
        }
        return builder.Build(sortByTimestamp: true);
    }
}
