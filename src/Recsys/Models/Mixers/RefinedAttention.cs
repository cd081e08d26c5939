using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>Attention-weight refinement (docs/models.md, awrsr; an interpretation with switches). Rows
/// of sasrec's causal attention A are position profiles; mapped into a rank-r correlation space,
/// P = A W_a, G = A W_b (W_a, W_b ∈ R^{n×r}), they attend to each other:
/// Â = softmax(mask(P Gᵀ / √r)). The weights used are Â (<c>simp</c>), Â A (<c>value</c>: Â applied to
/// the attended values A V) or (1 − β) A + β Â (<c>add</c>, β = awrsr_mix). Row j of A only covers
/// slots ≤ j, so the causal mask on Â keeps the model causal.</summary>
public sealed class RefinedAttention : ScaledDotProductAttention
{
    private readonly nn.Parameter _profileQuery;
    private readonly nn.Parameter _profileKey;

    public RefinedAttention(ModelOptions options) : base(nameof(RefinedAttention), options)
    {
        _profileQuery = Initialization.Glorot(options.MaxLen, options.AwrsrRank);
        _profileKey = Initialization.Glorot(options.MaxLen, options.AwrsrRank);
        RegisterComponents();
    }

    protected override Tensor AttentionWeights(MixerInput input)
    {
        var attention = base.AttentionWeights(input);
        var refined = Refine(attention, input);
        return Options.AwrsrMode switch
        {
            "simp" => refined,
            "value" => refined.matmul(attention),
            _ => attention * (1 - Options.AwrsrMix) + refined * Options.AwrsrMix,
        };
    }

    /// <summary>Â from A, both (B, h, m, m) over the window's slots.</summary>
    private Tensor Refine(Tensor attention, MixerInput input)
    {
        var rows = _profileQuery.narrow(0, input.Offset, input.Length);
        var columns = _profileKey.narrow(0, input.Offset, input.Length);
        var profiles = attention.matmul(rows);
        var partners = attention.matmul(columns);
        return MaskedSoftmax(profiles.matmul(partners.transpose(-2, -1)) / Math.Sqrt(Options.AwrsrRank), input);
    }
}
