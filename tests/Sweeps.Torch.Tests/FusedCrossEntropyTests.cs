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

    [Fact]
    public void Rejects_a_target_of_the_wrong_length()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => F.fused_softmax_cross_entropy(randn([4, 3]), randn([5, 3]), randint(0, 5, [3])));
        Assert.Contains("target must have one class per hidden row", ex.Message);
    }
}
