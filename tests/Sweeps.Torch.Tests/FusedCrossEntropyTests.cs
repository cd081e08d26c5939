using static Sweeps.Torch.torch;
using F = Sweeps.Torch.torch.nn.functional;

namespace Sweeps.Torch.Tests;

public class FusedCrossEntropyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Equals_plain_cross_entropy_over_full_logits_for_any_chunk_size(long chunk)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var hidden = randn([37, 8]);
        var table = randn([101, 8]);
        var target = randint(0, 101, [37]);
        var fused = F.fused_softmax_cross_entropy(hidden, table, target, chunk).item<float>();
        var plain = F.cross_entropy(hidden.matmul(table.t()), target).item<float>();
        Assert.Equal(plain, fused, 4);
    }

    /// <summary>CPU float32 takes the cache-tiled kernel: 2,500 classes span three item blocks of
    /// 1,024 and 300 rows in chunks of 7 span many row blocks, so every merge of the kernel runs.</summary>
    [Fact]
    public void Tiled_float32_kernel_matches_autograd_of_the_plain_loss_in_value_and_gradients()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var hidden = randn([300, 16]);
        var table = randn([2500, 16]) * 0.5;
        var target = randint(0, 2500, [300]);

        var (fusedLoss, fusedHidden, fusedTable) = LossAndGradients(hidden, table, (h, e) => F.fused_softmax_cross_entropy(h, e, target, 7));
        var (plainLoss, plainHidden, plainTable) = LossAndGradients(hidden, table, (h, e) => F.cross_entropy(h.matmul(e.t()), target));

        Assert.Equal(plainLoss, fusedLoss, 4);
        Assert.True((fusedHidden - plainHidden).abs().max().item<float>() < 1e-6);
        Assert.True((fusedTable - plainTable).abs().max().item<float>() < 1e-6);
        Assert.True(plainTable.abs().max().item<float>() > 1e-4, "the gradient under test is not trivially small");
    }

    [Fact]
    public void Tiled_kernel_gives_the_same_bits_on_one_thread_as_on_all()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var hidden = randn([200, 12]);
        var table = randn([3000, 12]);
        var target = randint(0, 3000, [200]);
        Func<Tensor, Tensor, Tensor> loss = (h, e) => F.fused_softmax_cross_entropy(h, e, target, 64);
        (float Loss, float[] Hidden, float[] Table) Values()
        {
            using var taskScope = NewDisposeScope(); // scopes are per thread
            var (value, gradHidden, gradTable) = LossAndGradients(hidden, table, loss);
            return (value, gradHidden.data<float>(), gradTable.data<float>());
        }
        var all = Values();
        var one = new (float Loss, float[] Hidden, float[] Table)[1];
        parallel_tasks(1, 2, _ => one[0] = Values());
        Assert.Equal(all.Loss, one[0].Loss);
        Assert.Equal(all.Hidden, one[0].Hidden);
        Assert.Equal(all.Table, one[0].Table);
    }

    [Fact]
    public void Tiled_kernel_rejects_a_class_outside_the_table()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => F.fused_softmax_cross_entropy(randn([3, 4]), randn([5, 4]), tensor(new long[] { 0, 5, 1 })));
        Assert.Contains("out of range", ex.Message);
    }

    private static (float Loss, Tensor Hidden, Tensor Table) LossAndGradients(Tensor hidden, Tensor table, Func<Tensor, Tensor, Tensor> loss)
    {
        var h = hidden.detach().requires_grad_();
        var e = table.detach().requires_grad_();
        var value = loss(h, e);
        value.backward();
        return (value.item<float>(), h.grad!, e.grad!);
    }

    [Fact]
    public void Rejects_a_target_of_the_wrong_length()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => F.fused_softmax_cross_entropy(randn([4, 3]), randn([5, 3]), randint(0, 5, [3])));
        Assert.Contains("target must have one class per hidden row", ex.Message);
    }
}
