using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class FormatDetectionTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("1 2\n1 3\n2 4\n", DatasetFormat.UserItem)]
    [InlineData("1 2\n2 3 4\n", DatasetFormat.UserSequence)]
    [InlineData("1::2::5::978300760\n", DatasetFormat.MovieLens)]
    [InlineData("{\"reviewerID\": \"A\", \"asin\": \"B\", \"unixReviewTime\": 1}\n", DatasetFormat.AmazonJson)]
    [InlineData("{\"user_id\": \"u\", \"business_id\": \"b\", \"date\": \"2019-01-01 00:00:00\"}\n", DatasetFormat.YelpJson)]
    public void DetectsLayoutFromFirstLines(string content, DatasetFormat expected)
    {
        Assert.Equal(expected, DatasetFormatDetector.Detect(_folder.Write("data.txt", content)));
    }

    [Fact]
    public void UnknownJsonNeedsExplicitFormat()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetFormatDetector.Detect(_folder.Write("x.json", "{\"a\": 1}\n")));

        Assert.Contains("--format", error.Message);
    }

    [Fact]
    public void FormatNamesRoundTrip()
    {
        foreach (var format in Enum.GetValues<DatasetFormat>())
            Assert.Equal(format, DatasetFormatNames.Parse(DatasetFormatNames.ToName(format)));
        Assert.Throws<DatasetException>(() => DatasetFormatNames.Parse("csv"));
    }
}
