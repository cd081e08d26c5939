using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>FPARec (paper eq. 7, docs/models.md, fparec): S = R1 R2ᵀ / (√d_h · τ), R1, R2 ∈ R^{h×n×k},
/// initialised TN(0, 0.1·k^{−1/4}) so the product starts with std ≈ 0.01 like PARec.</summary>
public sealed class FactorizedPositionalAttention : SoftmaxAttentionMixer
{
    private readonly nn.Parameter _left;
    private readonly nn.Parameter _right;

    public FactorizedPositionalAttention(ModelOptions options) : base(nameof(FactorizedPositionalAttention), options)
    {
        var std = 0.1 * Math.Pow(options.K, -0.25);
        _left = Initialization.PositionalMatrix([options.Heads, options.MaxLen, options.K], options.PaInit, std);
        _right = Initialization.PositionalMatrix([options.Heads, options.MaxLen, options.K], options.PaInit, std);
        RegisterComponents();
    }

    public Tensor R1 => _left;
    public Tensor R2 => _right;

    protected override Tensor Logits(MixerInput input)
    {
        var left = _left.narrow(-2, input.Offset, input.Length);
        var right = _right.narrow(-2, input.Offset, input.Length);
        return (left.matmul(right.transpose(-2, -1)) / (Math.Sqrt(Options.HeadDim) * Options.Temperature)).unsqueeze(0);
    }
}
