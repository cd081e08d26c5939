using Sweeps.Recsys.Training;

namespace Sweeps.Recsys.Tests.Training;

public sealed class TrainingBatchTests
{
    [Fact]
    public void A_trimmed_batch_keeps_the_last_slots_and_the_same_targets()
    {
        var split = TinyTraining.Generated();
        var users = split.TrainableUsers.Take(6).ToArray();
        const int n = 30;
        var full = new TrainingBatch(split, 8, n);
        full.Fill(users);
        var trimmed = new TrainingBatch(split, 8, n);
        trimmed.Fill(users, trim: true);

        var longest = users.Max(trimmed.WindowLength);
        Assert.True(longest < n, "the generated histories must be shorter than the window for this test");
        Assert.Equal(longest, trimmed.Length);
        Assert.Equal(n, full.Length);
        for (var b = 0; b < users.Length; b++)
        {
            Assert.Equal(full.Input.AsSpan(b * n + n - longest, longest).ToArray(), trimmed.Input.AsSpan(b * longest, longest).ToArray());
            Assert.All(full.Input.AsSpan(b * n, n - longest).ToArray(), slot => Assert.Equal(0, slot));
        }
        Assert.Equal(full.Targets, trimmed.Targets);
        Assert.Equal(full.Positions.Select(p => p / n * longest + p % n - (n - longest)), trimmed.Positions);
    }
}
