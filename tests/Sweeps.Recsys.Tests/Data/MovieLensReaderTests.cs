using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class MovieLensReaderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SortsEachUserByTimeKeepingFileOrderOnTies()
    {
        var file = _folder.Write("ratings.dat", "1::10::5::100\n2::10::1::7\n1::11::3::50\n1::12::4::100\n1::13::4::100\n");

        var dataset = new MovieLensReader().Read(file, DatasetReadOptions.Default);

        DatasetAssert.HasSequences(dataset, [11, 10, 12, 13], [10]);
    }

    [Fact]
    public void MinDateDropsOlderRatings()
    {
        var jan2 = new DateTimeOffset(2000, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var file = _folder.Write("ratings.dat", $"1::10::5::{jan2 - 1}\n1::11::5::{jan2}\n");

        var dataset = new MovieLensReader().Read(file, new DatasetReadOptions(new DateOnly(2000, 1, 2)));

        DatasetAssert.HasSequences(dataset, [11]);
    }

    [Theory]
    [InlineData("1::2::3")]
    [InlineData("1::x::3::4")]
    [InlineData("1 2 3 4")]
    public void RejectsMalformedLine(string bad)
    {
        var file = _folder.Write("ratings.dat", "1::10::5::100\n" + bad + "\n");

        var error = DatasetAssert.ThrowsAt(file, 2, () => new MovieLensReader().Read(file, DatasetReadOptions.Default));

        Assert.Contains("user::item::rating::timestamp", error.Message);
    }
}
