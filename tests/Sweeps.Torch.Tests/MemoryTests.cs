using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

public class MemoryTests
{
    [Fact]
    public void Ten_thousand_training_steps_free_every_intermediate_tensor()
    {
        // A tensor another test dropped without disposing may be finalized mid-loop and move the
        // count: collect first, so only this loop's tensors are counted.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var model = new TinyModel();
        using var optimizer = new optim.Adam(model.parameters(), lr: 1e-2);
        var (items, targets) = TinyModel.Batch();
        using (items)
        using (targets)
        {
            TinyModel.TrainStep(model, optimizer, items, targets);
            var baseline = live_tensor_count();
            for (var step = 0; step < 10_000; step++)
            {
                TinyModel.TrainStep(model, optimizer, items, targets);
                var live = live_tensor_count();
                if (live != baseline) Assert.Fail($"step {step}: {live} live tensors, baseline {baseline}");
            }
        }
    }

    [Fact]
    public void A_dispose_scope_frees_its_tensors_but_not_those_moved_out()
    {
        var before = live_tensor_count();
        Tensor kept;
        using (NewDisposeScope())
        {
            var a = ones([3]);
            var b = a * 2.0;
            kept = (a + b).MoveToOuterDisposeScope();
            Assert.Equal(before + 3, live_tensor_count());
        }
        Assert.Equal(before + 1, live_tensor_count());
        Assert.Equal(new[] { 3f, 3f, 3f }, kept.data<float>());
        kept.Dispose();
        Assert.Equal(before, live_tensor_count());
    }
}
