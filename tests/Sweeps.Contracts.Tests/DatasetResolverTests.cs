using System.Security.Cryptography;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Contracts.Tests.Support;

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

public sealed class DataRootResolverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-root-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DataRootDatasetResolver Resolver()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data", "amazon"));
        File.WriteAllText(Path.Combine(_directory, "data", "amazon", "Tiny.txt"), "1 1 2 3\n");
        File.WriteAllText(Path.Combine(_directory, "secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        return new DataRootDatasetResolver(Path.Combine(_directory, "data"), new DatasetHashCache());
    }

    [Fact]
    public void A_name_may_go_down_into_subfolders_of_the_root()
    {
        var identity = Resolver().Resolve("amazon/Tiny").Identity!;

        Assert.Equal(("Tiny", Path.Combine(_directory, "data", "amazon", "Tiny.txt")), (identity.Name, identity.Path));
    }

    [Theory]
    [InlineData("../secret", 2, 12)]
    [InlineData("../../../../etc/passwd", 2, 12)]
    [InlineData("amazon/../../secret.txt", 2, 12)]
    [InlineData("/etc/passwd", 2, 12)]
    public void Paths_that_leave_the_root_are_refused_at_their_position_without_reading_them(string reference, int line, int column)
    {
        var exception = Assert.Throws<SweepValidationException>(() =>
            SweepParser.Parse($"name: t\ndatasets: [{reference}]\nmodels: [sasrec]\n", "t.yaml", Resolver()));

        var error = Assert.Single(exception.Errors);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains($"t.yaml:{line}:{column}: dataset", exception.Message);
        Assert.Contains("data root", error.Message);
        Assert.DoesNotContain("root:x", exception.Message);
    }

    [Fact]
    public void The_documented_refusal_is_what_the_parser_says()
    {
        var texts = MarkdownBlocks.Of(File.ReadAllText(SweepText.RepositoryFile("docs", "sweep-format.md")), "text");
        var documented = texts.Single(t => t.StartsWith("escape.yaml:", StringComparison.Ordinal)).Trim();

        var exception = Assert.Throws<SweepValidationException>(() =>
            SweepParser.Parse("name: escape\ndatasets: [../../etc/passwd]\nmodels: [sasrec]\n", "escape.yaml", Resolver()));

        Assert.Equal(documented, Assert.Single(exception.Errors).ToString());
    }
}
