using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class ReviewJsonReaderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Amazon(string user, string asin, long time) =>
        $$$"""{"reviewerID": "{{{user}}}", "asin": "{{{asin}}}", "helpful": [0, 1], "reviewText": "a \"quoted\" {text}", "overall": 5.0, "unixReviewTime": {{{time}}}, "meta": {"asin": "ignored"}}""";

    private static string Yelp(string user, string business, string date) =>
        $$"""{"review_id":"r","user_id":"{{user}}","business_id":"{{business}}","stars":4.0,"text":"ok","date":"{{date}}"}""";

    [Fact]
    public void AmazonNumbersProductsByFirstAppearanceAndSortsByTime()
    {
        var file = _folder.Write("reviews.json", string.Join("\n",
            Amazon("A", "P1", 300), Amazon("B", "P2", 100), Amazon("A", "P3", 200), Amazon("A", "P2", 300)));

        var dataset = new AmazonReviewReader().Read(file, DatasetReadOptions.Default);

        // P1 → 1, P2 → 2, P3 → 3; user A sorted by time with the tie at 300 kept in file order.
        DatasetAssert.HasSequences(dataset, [3, 1, 2], [2]);
        Assert.Equal(3, dataset.ItemCount);
    }

    [Theory]
    [InlineData("""{"reviewerID": "A", "unixReviewTime": 1}""")]
    [InlineData("""{"reviewerID": "A", "asin": "P", "unixReviewTime": "soon"}""")]
    [InlineData("""{"reviewerID": "A", "asin": "P", """)]
    [InlineData("not json")]
    public void AmazonRejectsMalformedLine(string bad)
    {
        var file = _folder.Write("reviews.json", Amazon("A", "P", 1) + "\n" + bad + "\n");

        var error = DatasetAssert.ThrowsAt(file, 2, () => new AmazonReviewReader().Read(file, DatasetReadOptions.Default));

        Assert.Contains("'asin'", error.Message);
    }

    [Fact]
    public void YelpKeepsRecordsFrom2019ByDefault()
    {
        var file = _folder.Write("yelp.json", string.Join("\n",
            Yelp("u1", "b1", "2018-12-31 23:59:59"), Yelp("u1", "b2", "2019-03-01 10:00:00"),
            Yelp("u2", "b3", "2019-01-01 00:00:00"), Yelp("u1", "b3", "2019-02-01 10:00:00")));

        var dataset = new YelpReviewReader().Read(file, DatasetReadOptions.Default);

        // b1 is dropped before numbering: b2 → 1, b3 → 2.
        DatasetAssert.HasSequences(dataset, [2, 1], [2]);
    }

    [Fact]
    public void YelpHonoursExplicitMinDate()
    {
        var file = _folder.Write("yelp.json", Yelp("u1", "b1", "2010-05-05 00:00:00") + "\n" + Yelp("u1", "b2", "2009-01-01 00:00:00"));

        var dataset = new YelpReviewReader().Read(file, new DatasetReadOptions(new DateOnly(2009, 1, 1)));

        DatasetAssert.HasSequences(dataset, [2, 1]);
    }

    [Fact]
    public void YelpRejectsUnparsableDate()
    {
        var file = _folder.Write("yelp.json", Yelp("u1", "b1", "2019-01-01 00:00:00") + "\n\n" + Yelp("u1", "b2", "yesterday"));

        var error = DatasetAssert.ThrowsAt(file, 3, () => new YelpReviewReader().Read(file, DatasetReadOptions.Default));

        Assert.Contains("'date'", error.Message);
    }
}
