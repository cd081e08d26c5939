using static Sweeps.Torch.torch;
using F = Sweeps.Torch.torch.nn.functional;

namespace Sweeps.Torch.Tests;

/// <summary>Worker slots train several jobs at once in one process, each on its own thread: every
/// random op must draw from the calling thread's generator, or the jobs would reseed and consume
/// one another's stream and none would be reproducible.</summary>
public class ThreadGeneratorTests
{
    private const int Rounds = 40;

    /// <summary>manual_seed, then rounds of every random op the models use; <paramref name="between"/>
    /// runs after each round (a barrier that interleaves two threads).</summary>
    private static float[] Draws(int seed, Action between)
    {
        manual_seed(seed);
        var values = new List<float>();
        for (var round = 0; round < Rounds; round++)
        {
            using var scope = NewDisposeScope();
            values.AddRange(randn([16]).data<float>());
            values.AddRange(rand([16]).data<float>());
            values.AddRange(randint(0, 1000, [16]).to(float32).data<float>());
            values.AddRange(nn.init.xavier_uniform_(empty([4, 4])).data<float>());
            values.AddRange(nn.init.trunc_normal_(empty([16]), 0, 0.01).data<float>());
            values.AddRange(F.dropout(ones([64]), 0.5).data<float>());
            values.AddRange(F.hash_dropout(ones([64]), 0.5).data<float>());
            between();
        }
        return [.. values];
    }

    [Fact]
    public void Two_threads_drawing_in_lockstep_get_what_each_would_get_alone()
    {
        var alone1 = Draws(1, () => { });
        var alone2 = Draws(2, () => { });
        Assert.NotEqual(alone1, alone2);

        using var barrier = new Barrier(2);
        float[]? together1 = null, together2 = null;
        var first = new Thread(() => together1 = Draws(1, () => barrier.SignalAndWait()));
        var second = new Thread(() => together2 = Draws(2, () => barrier.SignalAndWait()));
        first.Start();
        second.Start();
        first.Join();
        second.Join();

        Assert.Equal(alone1, together1);
        Assert.Equal(alone2, together2);
    }
}
