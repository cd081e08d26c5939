namespace Sweeps.Recsys.Data;

/// <summary>Layout <c>user item item …</c>, one line per user in time order. Item ids are kept as
/// written (the id space is 1..largest id, as in the reference code), so a prepared file loads with
/// exactly the ids a trainer on the original layout would see. A user listed on several lines gets
/// the lines concatenated in file order.</summary>
public sealed class UserSequenceReader : IDatasetReader
{
    private const string Expected = "'user item item …' with integer ids";

    public DatasetFormat Format => DatasetFormat.UserSequence;

    public InteractionDataset Read(string path, DatasetReadOptions options)
    {
        var builder = new InteractionLogBuilder<int>();
        var ids = new List<int>();
        foreach (var (number, text) in NumberedLines.Read(path))
        {
            ids.Clear();
            var bad = WhitespaceIds.TryParse(text, ids);
            if (bad is not null)
                throw new DatasetFormatException(path, number, Expected);
            if (ids.Count < 2)
                throw new DatasetFormatException(path, number, Expected + " (at least one item)");
            for (var i = 1; i < ids.Count; i++)
            {
                ItemIds.RequirePositive(ids[i], path, number);
                builder.Add(ids[0], ids[i]);
            }
        }
        return builder.Build(sortByTimestamp: false);
    }
}
