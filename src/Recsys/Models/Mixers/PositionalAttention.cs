using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>PARec (paper eq. 6, docs/models.md, parec): S = R / (√d_h · τ) with one learned n×n matrix
/// per head; the attention does not depend on content.</summary>
public sealed class PositionalAttention : SoftmaxAttentionMixer
{
    private readonly nn.Parameter _positions;

    public PositionalAttention(ModelOptions options) : base(nameof(PositionalAttention), options)
    {
        _positions = Initialization.PositionalMatrix([options.Heads, options.MaxLen, options.MaxLen], options.PaInit, std: 0.01);
        RegisterComponents();
    }

    /// <summary>R, (h, n, n).</summary>
    public Tensor R => _positions;

    protected override Tensor Logits(MixerInput input) =>
        (_positions.narrow(-2, input.Offset, input.Length).narrow(-1, input.Offset, input.Length)
         / (Math.Sqrt(Options.HeadDim) * Options.Temperature)).unsqueeze(0);
}
