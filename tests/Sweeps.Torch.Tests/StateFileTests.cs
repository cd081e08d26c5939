using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

public sealed class StateFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweeps-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Module_save_then_load_gives_identical_outputs()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var trained = new TinyModel();
        using (var optimizer = new optim.Adam(trained.parameters()))
        {
            var (items, targets) = TinyModel.Batch();
            for (var i = 0; i < 20; i++) TinyModel.TrainStep(trained, optimizer, items, targets);
        }
        var path = Path.Combine(_dir, "model.swt");
        trained.save(path);

        manual_seed(6);
        using var restored = new TinyModel();
        var probe = TinyModel.Batch().items;
        trained.eval();
        restored.eval();
        Assert.NotEqual(trained.call(probe).data<float>(), restored.call(probe).data<float>());
        restored.load(path);
        Assert.Equal(trained.call(probe).data<float>(), restored.call(probe).data<float>());
    }

    [Fact]
    public void Every_dtype_round_trips_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor>
        {
            ["f"] = tensor(new[] { 1.5f, float.NaN, -0f, float.Epsilon }, 2, 2),
            ["d"] = tensor(new[] { Math.PI }),
            ["l"] = tensor(new[] { long.MinValue, 3L }),
            ["b"] = tensor(new[] { true, false, true }),
            ["i"] = tensor(new[] { 7, -7 }),
        };
        var path = Path.Combine(_dir, "state.swt");
        save(state, path);
        var loaded = load(path);
        Assert.Equal(state.Keys, loaded.Keys);
        Assert.Equal(new long[] { 2, 2 }, loaded["f"].shape);
        Assert.Equal(state["f"].data<float>().Select(BitConverter.SingleToInt32Bits), loaded["f"].data<float>().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(state["d"].data<double>(), loaded["d"].data<double>());
        Assert.Equal(state["l"].data<long>(), loaded["l"].data<long>());
        Assert.Equal(state["b"].data<bool>(), loaded["b"].data<bool>());
        Assert.Equal(state["i"].data<int>(), loaded["i"].data<int>());
    }

    [Fact]
    public void Loading_a_mismatched_state_names_what_is_wrong()
    {
        using var scope = NewDisposeScope();
        using var model = new TinyModel();
        var path = Path.Combine(_dir, "other.swt");
        save(new Dictionary<string, Tensor> { ["nonsense"] = ones([1]) }, path);
        var ex = Assert.Throws<TorchException>(() => model.load(path));
        Assert.Contains("unexpected [nonsense]", ex.Message);
        Assert.Contains("embedding.weight", ex.Message);
    }

    [Fact]
    public void Optimizer_state_round_trips()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var a = new TinyModel();
        using var b = new TinyModel();
        b.load_state_dict(a.state_dict());
        using var optA = new optim.Adam(a.parameters());
        using var optB = new optim.Adam(b.parameters());
        var (items, targets) = TinyModel.Batch();
        a.eval();
        b.eval();
        for (var i = 0; i < 5; i++) TinyModel.TrainStep(a, optA, items, targets);
        b.load_state_dict(a.state_dict());
        var path = Path.Combine(_dir, "adam.swt");
        optA.save(path);
        optB.load(path);
        var lossA = TinyModel.TrainStep(a, optA, items, targets);
        var lossB = TinyModel.TrainStep(b, optB, items, targets);
        Assert.Equal(lossA, lossB);
        Assert.Equal(a.call(items).data<float>(), b.call(items).data<float>());
    }
}
