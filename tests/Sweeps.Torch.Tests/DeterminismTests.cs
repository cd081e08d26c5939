using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

public class DeterminismTests
{
    private static float[] Losses(long seed)
    {
        manual_seed(seed);
        using var model = new TinyModel();
        using var optimizer = new optim.Adam(model.parameters(), lr: 1e-2, beta2: 0.98);
        var (items, targets) = TinyModel.Batch();
        using (items)
        using (targets)
            return Enumerable.Range(0, 50).Select(_ => TinyModel.TrainStep(model, optimizer, items, targets)).ToArray();
    }

    [Fact]
    public void Same_seed_gives_bit_identical_losses_over_fifty_steps()
    {
        var first = Losses(42);
        var second = Losses(42);
        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
        Assert.True(first[^1] < first[0], "the loss should fall while training");
    }

    [Fact]
    public void Another_seed_gives_other_losses()
    {
        Assert.NotEqual(Losses(1), Losses(2));
    }
}
