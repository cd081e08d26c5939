using System.Security.Cryptography;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Contracts.Tests;

public sealed class DatasetResolverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-datasets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void A_name_resolves_under_the_data_directory_and_hashes_the_content()
    {
        var path = Write("data/Tiny.txt", "1 1 2 3\n2 2 3 4\n");
        var resolver = new FileDatasetResolver(Path.Combine(_directory, "data"), _directory, new DatasetHashCache());

        var identity = resolver.Resolve("Tiny").Identity!;

        Assert.Equal("Tiny", identity.Name);
        Assert.Equal(path, identity.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), identity.Sha256);
    }

    [Fact]
    public void A_name_and_a_path_to_the_same_file_give_the_same_jobs()
    {
        Write("data/Tiny.txt", "1 1 2 3\n");
        var resolver = new FileDatasetResolver(Path.Combine(_directory, "data"), _directory, new DatasetHashCache());

        string[] Ids(string dataset) => GridExpander.Expand(SweepParser.Parse(
            $"name: t\ndatasets: [{dataset}]\nmodels: [sasrec]\n", "t.yaml", resolver)).Select(j => j.Id).ToArray();

        Assert.Equal(Ids("Tiny"), Ids("data/Tiny.txt"));
    }

    [Fact]
    public void A_changed_file_is_hashed_again()
    {
        var path = Write("Tiny.txt", "1 1 2 3\n");
        var cache = new DatasetHashCache();
        var first = cache.Hash(path);

        File.WriteAllText(path, "1 1 2 3 4\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.NotEqual(first, cache.Hash(path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), cache.Hash(path));
    }

    [Fact]
    public void An_unchanged_file_is_not_read_again()
    {
        var path = Write("Tiny.txt", "1 1 2 3\n");
        var cache = new DatasetHashCache();
        var first = cache.Hash(path);

        using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None))
            Assert.Equal(first, cache.Hash(path));
    }

    [Fact]
    public void A_missing_dataset_is_reported_at_its_reference()
    {
        var resolver = new FileDatasetResolver(_directory, _directory, new DatasetHashCache());

        var exception = Assert.Throws<SweepValidationException>(() =>
            SweepParser.Parse("name: t\ndatasets: [Missing]\nmodels: [sasrec]\n", "t.yaml", resolver));

        var error = Assert.Single(exception.Errors);
        Assert.Equal((2, 12), (error.Line, error.Column));
        Assert.Equal($"dataset 'Missing' not found (looked for {Path.Combine(_directory, "Missing.txt")})", error.Message);
    }
}
