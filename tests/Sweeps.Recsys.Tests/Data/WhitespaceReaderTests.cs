using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class WhitespaceReaderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void UserSequenceKeepsOrderAndIds()
    {
        var file = _folder.Write("seq.txt", "1 5 6 7\n\n2 6 5\n3 9 9 5\n");

        var dataset = new UserSequenceReader().Read(file, DatasetReadOptions.Default);

        DatasetAssert.HasSequences(dataset, [5, 6, 7], [6, 5], [9, 9, 5]);
        Assert.Equal(9, dataset.ItemCount);
    }

    [Fact]
    public void UserSequenceRejectsNonIntegerTokenWithFileAndLine()
    {
        var file = _folder.Write("Beauty.txt", "1 2 3\n2 xyzzy 4\n");

        var error = DatasetAssert.ThrowsAt(file, 2, () => new UserSequenceReader().Read(file, DatasetReadOptions.Default));

        Assert.Contains("expected 'user item item …' with integer ids", error.Message);
        // The offending text is not repeated: the file may be one the reader of the error cannot read.
        Assert.DoesNotContain("xyzzy", error.Message);
    }

    [Fact]
    public void UserSequenceRejectsUserWithoutItems()
    {
        var file = _folder.Write("seq.txt", "1 2 3\n\n7\n");

        DatasetAssert.ThrowsAt(file, 3, () => new UserSequenceReader().Read(file, DatasetReadOptions.Default));
    }

    [Fact]
    public void PaddingIdIsRejected()
    {
        var file = _folder.Write("seq.txt", "1 2 0\n");

        var error = DatasetAssert.ThrowsAt(file, 1, () => new UserSequenceReader().Read(file, DatasetReadOptions.Default));

        Assert.Contains("padding", error.Message);
    }

    [Fact]
    public void UserItemGroupsInterleavedUsersInFileOrder()
    {
        var file = _folder.Write("pairs.txt", "10 3\n20 4\n10 5\n30 3\n20 1\n");

        var dataset = new UserItemReader().Read(file, DatasetReadOptions.Default);

        DatasetAssert.HasSequences(dataset, [3, 5], [4, 1], [3]);
    }

    [Fact]
    public void UserItemRejectsThreeTokensCountingBlankLines()
    {
        var file = _folder.Write("pairs.txt", "1 2\n\n1 3 4\n");

        var error = DatasetAssert.ThrowsAt(file, 3, () => new UserItemReader().Read(file, DatasetReadOptions.Default));

        Assert.Contains("'user item'", error.Message);
    }
}
