using static Sweeps.Torch.torch;
using F = Sweeps.Torch.torch.nn.functional;

namespace Sweeps.Torch.Tests;

/// <summary>The counter-based dropout the models train with: libtorch's dropout distribution, a mask
/// fixed by manual_seed alone, and a gradient through the same mask.</summary>
public class HashDropoutTests
{
    private const int Size = 1 << 20;

    private static float[] Dropped(double p, int seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        return F.hash_dropout(ones([Size]), p).data<float>();
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Drops_a_fraction_p_and_scales_the_rest_by_one_over_one_minus_p(double p)
    {
        var values = Dropped(p, 1);
        var zeros = values.Count(v => v == 0);
        // Binomial standard deviation over 2^20 draws is at most 0.0005; allow ten of them.
        Assert.InRange(zeros / (double)Size, p - 0.005, p + 0.005);
        Assert.All(values.Where(v => v != 0), v => Assert.Equal((float)(1 / (1 - p)), v));
    }

    [Fact]
    public void The_mask_follows_manual_seed_and_not_the_thread_count()
    {
        var threads = get_num_threads();
        var first = Dropped(0.5, 7);
        try
        {
            set_num_threads(1);
            Assert.Equal(first, Dropped(0.5, 7));
        }
        finally
        {
            set_num_threads(threads);
        }
        Assert.NotEqual(first, Dropped(0.5, 8));
    }

    [Fact]
    public void Consecutive_calls_draw_different_masks()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = ones([4096]);
        Assert.NotEqual(F.hash_dropout(x, 0.5).data<float>(), F.hash_dropout(x, 0.5).data<float>());
    }

    [Fact]
    public void The_gradient_goes_through_the_same_mask()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var x = (randn([64, 33]) + 3).requires_grad_();
        var y = F.hash_dropout(x, 0.4);
        y.sum().backward();
        var expected = (y / x).data<float>();
        var grad = x.grad!.data<float>();
        for (var i = 0; i < grad.Length; i++) Assert.Equal(expected[i], grad[i], 5);
    }

    [Fact]
    public void Out_of_training_or_at_zero_it_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var x = randn([100]);
        Assert.Equal(x.data<float>(), F.hash_dropout(x, 0.5, training: false).data<float>());
        Assert.Equal(x.data<float>(), F.hash_dropout(x, 0).data<float>());
        var module = new nn.HashDropout(0.5);
        module.eval();
        Assert.Equal(x.data<float>(), module.call(x).data<float>());
    }

    [Fact]
    public void A_probability_of_one_is_refused_as_a_TorchException()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => F.hash_dropout(ones([3]), 1.0));
        Assert.Contains("dropout probability", error.Message);
    }
}
