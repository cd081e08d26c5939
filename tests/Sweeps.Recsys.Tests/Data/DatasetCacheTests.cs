using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class DatasetCacheTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly DatasetCache _cache;

    public DatasetCacheTests() => _cache = new DatasetCache(_folder.Combine("cache"));

    public void Dispose() => _folder.Dispose();

    private string WriteSynthetic(int seed)
    {
        var file = _folder.Combine($"data-{seed}.txt");
        UserSequenceWriter.Write(SyntheticDataset.Generate(50, 200, 3, 30, seed), file);
        return file;
    }

    [Fact]
    public void RoundTripPreservesTheDataset()
    {
        var dataset = SyntheticDataset.Generate(40, 100, 1, 20, seed: 3);

        _cache.Store("k", dataset);

        Assert.True(_cache.TryLoad("k", out var loaded));
        Assert.True(dataset.ContentEquals(loaded));
        Assert.Equal(dataset.UserCount, loaded.UserCount);
    }

    [Fact]
    public void SecondLoadComesFromTheCache()
    {
        var file = WriteSynthetic(1);
        var loader = new DatasetLoader(_cache);
        var first = loader.Load(file);
        var key = DatasetCache.KeyFor(file, "auto", DatasetReadOptions.Default);
        Assert.True(File.Exists(_cache.PathFor(key)));
        // Replace the entry with different data: a load that returns it proves the file was not parsed again.
        var planted = InteractionDataset.FromSequences([[1, 2, 3]]);
        _cache.Store(key, planted);

        var second = loader.Load(file);

        Assert.False(first.ContentEquals(second));
        Assert.True(planted.ContentEquals(second));
    }

    [Fact]
    public void KeyDependsOnContentAndSettings()
    {
        var a = WriteSynthetic(1);
        var b = WriteSynthetic(2);

        var keyA = DatasetCache.KeyFor(a, "auto", DatasetReadOptions.Default);

        Assert.Equal(64, keyA.Length);
        Assert.NotEqual(keyA, DatasetCache.KeyFor(b, "auto", DatasetReadOptions.Default));
        Assert.NotEqual(keyA, DatasetCache.KeyFor(a, "user-sequence", DatasetReadOptions.Default));
        Assert.NotEqual(keyA, DatasetCache.KeyFor(a, "auto", new DatasetReadOptions(new DateOnly(2019, 1, 1))));
    }

    public static TheoryData<string> Corruptions => ["truncate", "flip", "magic", "version", "empty"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void CorruptEntryIsRejectedAndRebuilt(string corruption)
    {
        var file = WriteSynthetic(5);
        var loader = new DatasetLoader(_cache);
        var expected = loader.Load(file);
        var entry = _cache.PathFor(DatasetCache.KeyFor(file, "auto", DatasetReadOptions.Default));
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, Corrupt(bytes, corruption));

        Assert.False(_cache.TryLoad(Path.GetFileNameWithoutExtension(entry), out _));
        var reloaded = loader.Load(file);

        Assert.True(expected.ContentEquals(reloaded));
        Assert.Equal(bytes, File.ReadAllBytes(entry));
    }

    private static byte[] Corrupt(byte[] bytes, string corruption)
    {
        var copy = bytes.ToArray();
        switch (corruption)
        {
            case "truncate":
                return copy[..(copy.Length / 2)];
            case "flip":
                copy[copy.Length / 2] ^= 0x40;
                return copy;
            case "magic":
                copy[0] = (byte)'X';
                return copy;
            case "version":
                copy[8] = 99;
                return copy;
            default:
                return [];
        }
    }

    [Fact]
    public void DefaultFolderFollowsTheEnvironmentVariable()
    {
        var previous = Environment.GetEnvironmentVariable(DatasetCache.DirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(DatasetCache.DirectoryVariable, _folder.Path);
            Assert.Equal(_folder.Path, DatasetCache.Default().Directory);
            Environment.SetEnvironmentVariable(DatasetCache.DirectoryVariable, null);
            Assert.EndsWith(Path.Combine(".cache", "sweeps", "datasets"), DatasetCache.Default().Directory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatasetCache.DirectoryVariable, previous);
        }
    }
}
