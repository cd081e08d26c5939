using System.Globalization;

namespace Sweeps.Recsys.Data;

/// <summary>MovieLens-1M <c>ratings.dat</c>: <c>user::item::rating::timestamp</c>. Every rating counts as an
/// interaction (the paper uses ratings as implicit feedback); item ids are kept as written.</summary>
public sealed class MovieLensReader : IDatasetReader
{
    private const string Expected = "'user::item::rating::timestamp' with integer user, item and timestamp";

    public DatasetFormat Format => DatasetFormat.MovieLens;

    public InteractionDataset Read(string path, DatasetReadOptions options)
    {
        var filter = new MinDateFilter(options.MinDate);
        var builder = new InteractionLogBuilder<int>();
        foreach (var (number, text) in NumberedLines.Read(path))
        {
            var fields = text.Trim().Split("::");
            if (fields.Length != 4
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var user)
                || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var item)
                || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                || !long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
                throw new DatasetFormatException(path, number, Expected);
            ItemIds.RequirePositive(item, path, number);
            if (filter.Keeps(timestamp))
                builder.Add(user, item, timestamp);
        }
        return builder.Build(sortByTimestamp: true);
    }
}
