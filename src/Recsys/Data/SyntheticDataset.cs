namespace Sweeps.Recsys.Data;

/// <summary>Seeded random datasets for tests and smoke sweeps; the same arguments give the same data.</summary>
public static class SyntheticDataset
{
    /// <param name="users">Number of users (sequences).</param>
    /// <param name="items">Size of the id space 1..items.</param>
    /// <param name="minLength">Shortest sequence, inclusive.</param>
    /// <param name="maxLength">Longest sequence, inclusive.</param>
    /// <param name="noise">Probability that a step of a steps-back rule draws a uniform item instead.</param>
    public static InteractionDataset Generate(int users, int items, int minLength, int maxLength, int seed,
        SyntheticRule rule = SyntheticRule.TwoStepsBack, double noise = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, minLength);
        if (noise is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise is a probability in [0, 1]");

        // System.Random with a seed is the stable legacy generator, so data is identical across runs and machines.
        var random = new Random(seed);
        var lag = Lag(rule);
        var offsets = new int[users + 1];
        var lengths = new int[users];
        for (var user = 0; user < users; user++)
        {
            lengths[user] = random.Next(minLength, maxLength + 1);
            offsets[user + 1] = offsets[user] + lengths[user];
        }
        var sequence = new int[offsets[^1]];
        for (var user = 0; user < users; user++)
        {
            var span = sequence.AsSpan(offsets[user], lengths[user]);
            for (var t = 0; t < span.Length; t++)
                span[t] = lag > 0 && t >= lag && random.NextDouble() >= noise
                    ? span[t - lag]
                    : random.Next(1, items + 1);
        }
        return new InteractionDataset(offsets, sequence, items);
    }

    /// <summary>How many steps back the next item repeats; 0 when nothing repeats.</summary>
    public static int Lag(SyntheticRule rule) => rule switch
    {
        SyntheticRule.TwoStepsBack => 2,
        SyntheticRule.FourStepsBack => 4,
        _ => 0,
    };
}
