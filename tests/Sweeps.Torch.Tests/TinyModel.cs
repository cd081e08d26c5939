using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

/// <summary>A small network using every module type: embedding → layer norm → dropout → linear.</summary>
internal sealed class TinyModel : nn.Module<Tensor, Tensor>
{
    private readonly nn.Embedding _embedding = new(20, 8, paddingIdx: 0);
    private readonly nn.LayerNorm _norm = new(8);
    private readonly nn.Dropout _dropout = new(0.2);
    private readonly nn.ModuleList<nn.Linear> _layers = new([new nn.Linear(8, 16), new nn.Linear(16, 20)]);

    public TinyModel() : base(nameof(TinyModel)) => RegisterComponents();

    public override Tensor forward(Tensor items)
    {
        var x = _dropout.call(_norm.call(_embedding.call(items)));
        return _layers[1].call(_layers[0].call(x).relu());
    }

    /// <summary>One Adam step on a fixed batch: next item = (item + 1) mod 20.</summary>
    public static float TrainStep(TinyModel model, optim.Adam optimizer, Tensor items, Tensor targets)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = model.call(items).view(-1, 20);
        var loss = nn.functional.cross_entropy(logits, targets.view(-1), ignoreIndex: 0);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    public static (Tensor items, Tensor targets) Batch()
    {
        var items = new long[4 * 5];
        var targets = new long[4 * 5];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = 1 + i % 19;
            targets[i] = 1 + (i + 1) % 19;
        }
        return (tensor(items, 4, 5), tensor(targets, 4, 5));
    }
}
