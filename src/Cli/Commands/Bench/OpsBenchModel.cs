using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Cli.Commands.Bench;

/// <summary>The small network whose training steps the ops benchmark repeats to watch memory:
/// embedding → layer norm → linear over the item vocabulary, trained with Adam to predict the
/// next item of a fixed batch. Every step allocates and frees the same intermediates, so resident
/// memory and the live-tensor count must stay flat.</summary>
internal sealed class OpsBenchModel : nn.Module<Tensor, Tensor>
{
    private const long Items = 1000;
    private const long Dim = 32;

    private readonly nn.Embedding _embedding = new(Items, Dim, paddingIdx: 0);
    private readonly nn.LayerNorm _norm = new(Dim);
    private readonly nn.Linear _output = new(Dim, Items);

    public OpsBenchModel() : base(nameof(OpsBenchModel)) => RegisterComponents();

    public override Tensor forward(Tensor items) => _output.call(_norm.call(_embedding.call(items)));

    public static float TrainStep(OpsBenchModel model, optim.Adam optimizer, Tensor items, Tensor targets)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = model.call(items).view(-1, Items);
        var loss = nn.functional.cross_entropy(logits, targets.view(-1), ignoreIndex: 0);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>32 sequences of 10 items; the target of each item is its successor.</summary>
    public static (Tensor items, Tensor targets) Batch()
    {
        var items = new long[32 * 10];
        var targets = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = 1 + i % (Items - 1);
            targets[i] = 1 + (i + 1) % (Items - 1);
        }
        return (tensor(items, 32, 10), tensor(targets, 32, 10));
    }
}
