using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models;

/// <summary>FFN(z) = Dropout(Dropout(ReLU(z W1 + b1)) W2 + b2) (docs/models.md, Block; the reference's
/// kernel-size-1 convolutions).</summary>
public sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly nn.Linear _inner;
    private readonly nn.Linear _outer;
    private readonly nn.HashDropout _dropout;

    public FeedForward(ModelOptions options) : base(nameof(FeedForward))
    {
        _inner = Initialization.Dense(options.Hidden, options.FfnInner);
        _outer = Initialization.Dense(options.FfnInner, options.Hidden);
        _dropout = new nn.HashDropout(options.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor z) => _dropout.call(_outer.call(_dropout.call(_inner.call(z).relu())));
}
