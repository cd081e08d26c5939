using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

public class ErrorTests
{
    [Fact]
    public void Shape_mismatch_raises_with_libtorchs_message()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => ones([2, 3]).matmul(ones([2, 3])));
        Assert.Contains("cannot be multiplied", ex.Message);
    }

    [Fact]
    public void Out_of_range_index_raises_with_libtorchs_message()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => ones([3, 2]).index_select(0, tensor(new long[] { 7 })));
        Assert.Contains("out of range", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Wrong_dtype_raises_instead_of_crashing()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => ones([3]).index_select(0, tensor(new[] { 0.5f })));
        Assert.Contains("int64", ex.Message);
    }

    [Fact]
    public void A_failed_allocation_raises_an_out_of_memory_error_and_the_next_call_is_unaffected()
    {
        using var scope = NewDisposeScope();
        // 512 TiB: more than any machine can give, so the allocator refuses at once.
        var ex = Assert.Throws<DeviceOutOfMemoryException>(() => zeros([1L << 47]));
        Assert.IsAssignableFrom<OutOfMemoryException>(ex);
        Assert.Contains("allocate", ex.Message);
        // The flag belongs to that error only: an ordinary error afterwards is an ordinary TorchException.
        Assert.Throws<TorchException>(() => ones([2, 3]).matmul(ones([2, 3])));
    }

    [Fact]
    public void Cuda_without_a_gpu_raises_with_libtorchs_message()
    {
        using var scope = NewDisposeScope();
        if (cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, ones([2]).to(Device.Parse("cuda:0")).device.Type);
            return;
        }
        var ex = Assert.Throws<TorchException>(() => ones([2]).to(Device.Parse("cuda:0")));
        Assert.Contains("CUDA", ex.Message);
    }

    [Fact]
    public void The_process_survives_errors_and_keeps_computing()
    {
        using var scope = NewDisposeScope();
        for (var i = 0; i < 100; i++)
            Assert.Throws<TorchException>(() => ones([2]).view(3));
        Assert.Equal(4f, (ones([2]) * 2.0).sum().item<float>());
    }
}
