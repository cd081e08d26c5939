using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class LoaderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EmptyFileIsAClearError()
    {
        var file = _folder.Write("empty.txt", "\n\n");

        var error = Assert.Throws<DatasetException>(() => new DatasetLoader(null).Load(file));

        Assert.Contains("empty.txt", error.Message);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void MissingFileIsAClearError()
    {
        var error = Assert.Throws<DatasetException>(() => new DatasetLoader(null).Load(_folder.Combine("absent.txt")));

        Assert.Contains("no such file", error.Message);
    }

    [Fact]
    public void EverythingFilteredByDateIsAClearError()
    {
        var file = _folder.Write("yelp.json", """{"user_id":"u","business_id":"b","date":"2015-01-01 00:00:00"}""");

        var error = Assert.Throws<DatasetException>(() => new DatasetLoader(null).Load(file));

        Assert.Contains("no interactions", error.Message);
    }

    [Fact]
    public void ExplicitFormatOverridesDetection()
    {
        var file = _folder.Write("pairs.txt", "1 2\n2 3\n");

        var asSequences = new DatasetLoader(null).Load(file, DatasetFormat.UserSequence);

        DatasetAssert.HasSequences(asSequences, [2], [3]);
    }
}
