namespace Sweeps.Recsys.Data;

/// <summary>The spelling of each <see cref="DatasetFormat"/> on the command line and in cache keys.</summary>
public static class DatasetFormatNames
{
    private static readonly (DatasetFormat Format, string Name)[] Names =
    [
        (DatasetFormat.UserSequence, "user-sequence"),
        (DatasetFormat.UserItem, "user-item"),
        (DatasetFormat.MovieLens, "movielens"),
        (DatasetFormat.AmazonJson, "amazon-json"),
        (DatasetFormat.YelpJson, "yelp-json"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string ToName(DatasetFormat format) => Names.First(n => n.Format == format).Name;

    public static DatasetFormat Parse(string name)
    {
        foreach (var (format, known) in Names)
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
                return format;
        throw new DatasetException($"unknown dataset format '{name}'; expected one of: {string.Join(", ", All)}");
    }
}
