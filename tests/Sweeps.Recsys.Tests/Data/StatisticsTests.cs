using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class StatisticsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void StatsOfAGeneratedFileMatchAnIndependentCount()
    {
        var file = _folder.Combine("synthetic.txt");
        UserSequenceWriter.Write(SyntheticDataset.Generate(300, 5000, 3, 40, seed: 11, SyntheticRule.Random), file);
        var lines = File.ReadAllLines(file).Select(l => l.Split(' ')).ToArray();
        var interactions = lines.Sum(tokens => tokens.Length - 1);
        var distinctItems = lines.SelectMany(tokens => tokens.Skip(1)).Distinct().Count();

        var stats = DatasetStatistics.Compute(new DatasetLoader(null).Load(file));

        Assert.Equal(lines.Length, stats.Users);
        Assert.Equal(distinctItems, stats.Items);
        Assert.True(distinctItems < 5000, "the sample should leave some ids unused so distinct ≠ id space");
        Assert.Equal(interactions, stats.Interactions);
        Assert.Equal((double)interactions / lines.Length, stats.AverageLength, 12);
        Assert.Equal(1 - interactions / (300.0 * distinctItems), stats.Sparsity, 12);
    }

    [Fact]
    public void PaperFormattingOfBeautyRow()
    {
        var stats = new DatasetStatistics(22_363, 12_101, 198_502, 198_502 / 22_363.0, 0);

        Assert.Equal(["Beauty", "22,363", "12,101", "0.20M", "8.88"], PaperTableFormat.Row("Beauty", stats));
    }

    [Theory]
    [InlineData(1_000_209, "1.00M")]
    [InlineData(296_337, "0.30M")]
    [InlineData(167_597, "0.17M")]
    [InlineData(316_354, "0.32M")]
    public void InteractionsInMillions(long interactions, string expected) =>
        Assert.Equal(expected, PaperTableFormat.Millions(interactions));
}
