using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class PreparationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void PrepareFiltersRemapsAndWritesUserSequences()
    {
        // Raw MovieLens-style input with sparse ids; k = 2 drops item 900 (once) and then user 3.
        var input = _folder.Write("ratings.dat", string.Join("\n",
            "5::300::4::10", "5::100::4::20", "7::100::3::5", "7::300::3::6", "3::900::1::1", "3::100::1::2", "5::300::2::30"));
        var output = _folder.Combine("out/prepared.txt");

        var prepared = DatasetPreparation.Prepare(input, output, new PreparationOptions(KCore: 2));

        Assert.Equal("1 1 2 1\n2 2 1\n", File.ReadAllText(output));
        Assert.Equal(2, prepared.ItemCount);
        Assert.True(prepared.ContentEquals(new DatasetLoader(null).Load(output)));
    }

    [Fact]
    public void NothingLeftAfterFilteringIsAClearError()
    {
        var input = _folder.Write("tiny.txt", "1 1 2\n2 3 4\n");

        var error = Assert.Throws<DatasetException>(() =>
            DatasetPreparation.Prepare(input, _folder.Combine("out.txt"), new PreparationOptions()));

        Assert.Contains("5-core", error.Message);
        Assert.False(File.Exists(_folder.Combine("out.txt")));
    }

    [Fact]
    public void PrepareReplacesAnExistingOutputWithoutLeftovers()
    {
        var input = _folder.Write("in.txt", "1 1 2 3\n2 1 2 3\n3 1 2 3\n");
        var output = _folder.Write("out.txt", new string('x', 10_000));

        DatasetPreparation.Prepare(input, output, new PreparationOptions(KCore: 3));

        Assert.Equal("1 1 2 3\n2 1 2 3\n3 1 2 3\n", File.ReadAllText(output));
        Assert.Equal(["in.txt", "out.txt"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void FailedWriteLeavesTheOldFileIntact()
    {
        var target = _folder.Write("out.txt", "old content\n");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("old content\n", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }
}
