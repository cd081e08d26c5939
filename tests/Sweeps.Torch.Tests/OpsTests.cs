using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

public class OpsTests
{
    [Fact]
    public void Tensors_round_trip_managed_arrays_with_their_shape_and_dtype()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new long[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(ScalarType.Int64, t.dtype);
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, t.t().contiguous().data<long>());
        Assert.Equal(new long[] { 5, 7, 9 }, t.sum(0).data<long>());
    }

    [Fact]
    public void Topk_sort_and_comparisons_behave_as_in_pytorch()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.1f, 0.9f, 0.5f, 0.9f });
        var (values, indexes) = x.topk(2);
        Assert.Equal(new[] { 0.9f, 0.9f }, values.data<float>());
        Assert.Equal(new long[] { 1, 3 }, indexes.data<long>().Order().ToArray());
        Assert.Equal(new long[] { 1, 3, 2, 0 }, x.sort(descending: true).indexes.data<long>());
        Assert.Equal(new[] { false, true, false, true }, x.gt(0.5).data<bool>());
        Assert.Equal(2L, x.ge(0.9).sum().item<long>());
    }

    [Fact]
    public void Truncated_normal_stays_within_two_standard_deviations()
    {
        using var scope = NewDisposeScope();
        var t = empty([10_000]);
        nn.init.trunc_normal_(t, 0, 0.01);
        Assert.True(t.abs().max().item<float>() <= 0.02f + 1e-7f);
        Assert.InRange(t.std(), 0.0085, 0.0090);
    }

    [Fact]
    public void Xavier_uniform_uses_the_glorot_limit()
    {
        using var scope = NewDisposeScope();
        var w = empty([300, 200]);
        nn.init.xavier_uniform_(w);
        var limit = Math.Sqrt(6.0 / 500);
        Assert.True(w.abs().max().item<float>() <= limit);
        Assert.True(w.abs().max().item<float>() > 0.95 * limit);
    }
}

internal static class TensorStatistics
{
    public static double std(this torch.Tensor t)
    {
        var v = t.data<float>();
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
