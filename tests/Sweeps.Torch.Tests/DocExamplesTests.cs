using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

/// <summary>The examples of docs/torch.md, run as written, so the document cannot drift from the API.</summary>
public class DocExamplesTests
{
    /// <summary>docs/torch.md, "A model": the example module.</summary>
    private sealed class NextItemScorer : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Embedding _items = new(100, 16, paddingIdx: 0);
        private readonly nn.LayerNorm _norm = new(16);
        private readonly nn.Linear _output = new(16, 100);

        public NextItemScorer() : base(nameof(NextItemScorer)) => RegisterComponents();

        public override Tensor forward(Tensor items) => _output.call(_norm.call(_items.call(items)));
    }

    [Fact]
    public void Tensors()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        var b = ones([2, 2]);
        var c = a.matmul(b) + 1.0;
        float[] values = c.data<float>();
        float total = c.sum().item<float>();
        long[] shape = c.shape;

        Assert.Equal(new float[] { 4, 4, 8, 8 }, values);
        Assert.Equal(24f, total);
        Assert.Equal(new long[] { 2, 2 }, shape);
    }

    /// <summary>docs/torch.md, "Tasks side by side".</summary>
    [Fact]
    public void Tasks_side_by_side()
    {
        float[] Run()
        {
            var sums = new float[2];
            parallel_tasks(2, 2, i =>
            {
                using var scope = NewDisposeScope();
                manual_seed_thread(i + 1);
                sums[i] = randn([1000]).sum().item<float>();
            });
            return sums;
        }
        var first = Run();
        Assert.Equal(first, Run());
        Assert.NotEqual(first[0], first[1]);
    }

    [Fact]
    public void A_model()
    {
        manual_seed(1);
        using var model = new NextItemScorer();
        using var optimizer = new optim.Adam(model.parameters(), lr: 1e-2);
        using var items = tensor(new long[] { 1, 2, 3, 4 }, 1, 4);
        using var targets = tensor(new long[] { 2, 3, 4, 5 }, 4);
        var losses = new List<float>();
        for (var step = 0; step < 50; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var logits = model.call(items).view(-1, 100);
            var loss = nn.functional.cross_entropy(logits, targets);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        var names = model.named_parameters().Select(p => p.name).ToList();

        Assert.True(losses[^1] < losses[0] / 2, $"loss {losses[0]} → {losses[^1]}");
        Assert.Equal(["items.weight", "norm.weight", "norm.bias", "output.weight", "output.bias"], names);
    }

    [Fact]
    public void Dispose_scopes()
    {
        var before = live_tensor_count();
        Tensor kept;
        using (NewDisposeScope())
        {
            var x = ones([3]);
            var y = x * 2.0;
            kept = (x + y).MoveToOuterDisposeScope();
        }
        var afterScope = live_tensor_count();
        float[] values = kept.data<float>();
        kept.Dispose();

        Assert.Equal(before + 1, afterScope);
        Assert.Equal(new float[] { 3, 3, 3 }, values);
        Assert.Equal(before, live_tensor_count());
    }

    [Fact]
    public void No_grad()
    {
        using var scope = NewDisposeScope();
        var w = ones([2]).requires_grad_();
        (w * w).sum().backward();
        using (no_grad())
            w.sub_(w.grad!, alpha: 0.25);

        Assert.Equal(new float[] { 0.5f, 0.5f }, w.data<float>());
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void Errors()
    {
        using var scope = NewDisposeScope();
        string message = "";
        try
        {
            ones([2, 3]).matmul(ones([2, 3]));
        }
        catch (TorchException e)
        {
            message = e.Message;
        }

        Assert.Contains("cannot be multiplied", message);
    }

    [Fact]
    public void State_file_bytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var w = tensor(new float[] { 1, 2 }))
                save(new Dictionary<string, Tensor> { ["w"] = w }, path);
            byte[] bytes = File.ReadAllBytes(path);

            Assert.Equal(Convert.FromHexString(
                "5357545354415445" + "01000000" + "01000000" +
                "01000000" + "77" + "00000000" + "01000000" + "0200000000000000" +
                "0800000000000000" + "0000803F" + "00000040"), bytes);

            using var scope = NewDisposeScope();
            Dictionary<string, Tensor> loaded = load(path);
            Assert.Equal(new float[] { 1, 2 }, loaded["w"].data<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Runtime_report()
    {
        var report = RuntimeReport.Collect();

        Assert.False(string.IsNullOrEmpty(report.TorchVersion));
        Assert.True(report.IntraOpThreads >= 1);
        Assert.Equal(get_num_threads(), report.IntraOpThreads);
    }
}
