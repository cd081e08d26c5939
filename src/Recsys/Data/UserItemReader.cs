namespace Sweeps.Recsys.Data;

/// <summary>Layout <c>user item</c>, one line per interaction in time order (SASRec's files). Ids are
/// kept as written, as in <see cref="UserSequenceReader"/>.</summary>
public sealed class UserItemReader : IDatasetReader
{
    private const string Expected = "'user item' with integer ids";

    public DatasetFormat Format => DatasetFormat.UserItem;

    public InteractionDataset Read(string path, DatasetReadOptions options)
    {
        var builder = new InteractionLogBuilder<int>();
        var ids = new List<int>(2);
        foreach (var (number, text) in NumberedLines.Read(path))
        {
            ids.Clear();
            var bad = WhitespaceIds.TryParse(text, ids);
            if (bad is not null)
                throw new DatasetFormatException(path, number, Expected);
            if (ids.Count != 2)
                throw new DatasetFormatException(path, number, Expected);
            ItemIds.RequirePositive(ids[1], path, number);
            builder.Add(ids[0], ids[1]);
        }
        return builder.Build(sortByTimestamp: false);
    }
}
