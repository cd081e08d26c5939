using static Sweeps.Torch.torch;
using F = Sweeps.Torch.torch.nn.functional;

namespace Sweeps.Torch.Tests;

/// <summary>Shards of one training step run side by side through parallel_tasks, each seeding its
/// own thread's generator.</summary>
public class ParallelTasksTests
{
    [Fact]
    public void Runs_every_task_once_and_side_by_side()
    {
        var runs = new int[6];
        using var barrier = new Barrier(2);
        var metPartner = new bool[6];
        parallel_tasks(6, 2, i =>
        {
            Interlocked.Increment(ref runs[i]);
            // Tasks i and i+1 share a round only if two threads really run at once.
            metPartner[i] = barrier.SignalAndWait(TimeSpan.FromSeconds(10));
        });
        Assert.All(runs, r => Assert.Equal(1, r));
        Assert.All(metPartner, Assert.True);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void Rethrows_the_first_failing_task_after_all_ran(int threads)
    {
        var runs = 0;
        var error = Assert.Throws<InvalidOperationException>(() => parallel_tasks(4, threads, i =>
        {
            Interlocked.Increment(ref runs);
            if (i >= 1) throw new InvalidOperationException($"task {i}");
        }));
        Assert.Equal("task 1", error.Message);
        Assert.Equal(4, runs);
    }

    [Fact]
    public void A_task_gives_the_same_bits_whatever_runs_beside_it()
    {
        float[] Work(int seed)
        {
            using var scope = NewDisposeScope();
            manual_seed_thread(seed);
            var x = randn([512, 64]);
            var h = F.hash_dropout(x.matmul(randn([64, 64])).relu(), 0.3);
            var loss = F.fused_softmax_cross_entropy(h.narrow(1, 0, 32), randn([4000, 32]), randint(0, 4000, [512]));
            return [.. (h.sum(0) + loss).data<float>()];
        }
        float[] Alone(int seed)
        {
            var result = new float[1][];
            parallel_tasks(1, 2, _ => result[0] = Work(seed));
            return result[0];
        }
        var alone = new[] { Alone(1), Alone(2) };
        var together = new float[2][];
        parallel_tasks(2, 2, i => together[i] = Work(i + 1));
        Assert.Equal(alone[0], together[0]);
        Assert.Equal(alone[1], together[1]);
        Assert.NotEqual(alone[0], alone[1]);
    }

    [Fact]
    public void Seeding_one_thread_leaves_another_threads_stream_alone()
    {
        float[] Draw() { using var scope = NewDisposeScope(); return F.hash_dropout(ones([256]), 0.5).data<float>(); }

        manual_seed(7);
        var expected = new[] { Draw(), Draw() };

        manual_seed(7);
        var first = Draw();
        var other = new Thread(() => manual_seed_thread(99));
        other.Start();
        other.Join();
        var second = Draw();

        Assert.Equal(expected[0], first);
        Assert.Equal(expected[1], second);
        manual_seed_thread(99);
        var reseeded = Draw();
        manual_seed_thread(99);
        Assert.Equal(reseeded, Draw());
        Assert.NotEqual(expected[0], reseeded);
    }
}
