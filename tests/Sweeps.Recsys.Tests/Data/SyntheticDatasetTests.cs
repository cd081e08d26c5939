using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public sealed class SyntheticDatasetTests
{
    [Fact]
    public void SameSeedSameData()
    {
        var a = SyntheticDataset.Generate(100, 50, 2, 30, seed: 9);

        Assert.True(a.ContentEquals(SyntheticDataset.Generate(100, 50, 2, 30, seed: 9)));
        Assert.False(a.ContentEquals(SyntheticDataset.Generate(100, 50, 2, 30, seed: 10)));
    }

    [Fact]
    public void RespectsSizesAndIdRange()
    {
        var dataset = SyntheticDataset.Generate(200, 30, 4, 9, seed: 1, SyntheticRule.Random);

        Assert.Equal(200, dataset.UserCount);
        Assert.Equal(30, dataset.ItemCount);
        for (var user = 0; user < dataset.UserCount; user++)
            Assert.InRange(dataset.SequenceLength(user), 4, 9);
        Assert.All(dataset.Items.ToArray(), item => Assert.InRange(item, 1, 30));
    }

    [Fact]
    public void TwoStepsBackWithoutNoiseRepeatsTheItemTwoStepsBack()
    {
        var dataset = SyntheticDataset.Generate(50, 1000, 3, 20, seed: 4, SyntheticRule.TwoStepsBack, noise: 0);

        for (var user = 0; user < dataset.UserCount; user++)
        {
            var sequence = dataset.Sequence(user);
            for (var t = 2; t < sequence.Length; t++)
                Assert.Equal(sequence[t - 2], sequence[t]);
        }
    }

    [Fact]
    public void NoiseBreaksTheRuleAtRoughlyItsRate()
    {
        var dataset = SyntheticDataset.Generate(500, 10_000, 20, 20, seed: 2, SyntheticRule.TwoStepsBack, noise: 0.2);
        int steps = 0, broken = 0;
        for (var user = 0; user < dataset.UserCount; user++)
        {
            var sequence = dataset.Sequence(user);
            for (var t = 2; t < sequence.Length; t++, steps++)
                if (sequence[t] != sequence[t - 2])
                    broken++;
        }

        Assert.InRange((double)broken / steps, 0.17, 0.23);
    }
}
