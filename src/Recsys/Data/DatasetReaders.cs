namespace Sweeps.Recsys.Data;

public static class DatasetReaders
{
    public static IDatasetReader For(DatasetFormat format) => format switch
    {
        DatasetFormat.UserSequence => new UserSequenceReader(),
        DatasetFormat.UserItem => new UserItemReader(),
        DatasetFormat.MovieLens => new MovieLensReader(),
        DatasetFormat.AmazonJson => new AmazonReviewReader(),
        DatasetFormat.YelpJson => new YelpReviewReader(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
