namespace Sweeps.Recsys.Training;

/// <summary>Which users make up each batch of an epoch. <c>with_replacement</c> draws uniformly, as
/// the reference sampler; <c>permutation</c> visits every user once. An epoch is ⌈U / batch⌉ steps.
/// Seeded per epoch, so a run resumed at an epoch boundary draws what an uninterrupted run draws.</summary>
public sealed class UserSampler(IReadOnlyList<int> users, int batch, bool withReplacement)
{
    public int StepsPerEpoch => (users.Count + batch - 1) / batch;

    public IEnumerable<int[]> Epoch(int seed, int epoch)
    {
        var random = new Random(EpochSeed.For(seed, epoch));
        if (withReplacement)
        {
            for (var step = 0; step < StepsPerEpoch; step++)
            {
                var drawn = new int[batch];
                for (var i = 0; i < batch; i++) drawn[i] = users[random.Next(users.Count)];
                yield return drawn;
            }
            yield break;
        }
        var order = users.ToArray();
        random.Shuffle(order);
        for (var start = 0; start < order.Length; start += batch)
            yield return order[start..Math.Min(order.Length, start + batch)];
    }
}
