using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>Linearised attention (Katharopoulos et al. 2020; docs/models.md, linear_attention), quadratic form:
/// A_ij = φ(Q_i)·φ(K_j)·[j ≤ i] / (Σ_{k≤i} φ(Q_i)·φ(K_k) + ε), φ = elu + 1 (or relu), padding keys
/// zeroed. No 1/√d scale: it cancels in the ratio.</summary>
public sealed class LinearAttention : AttentionMixer
{
    private const double Epsilon = 1e-6;
    private readonly nn.Linear _query;
    private readonly nn.Linear _key;

    public LinearAttention(ModelOptions options) : base(nameof(LinearAttention), options)
    {
        _query = Initialization.Dense(options.Hidden, options.Hidden);
        _key = Initialization.Dense(options.Hidden, options.Hidden);
        RegisterComponents();
    }

    private Tensor FeatureMap(Tensor x) => Options.FeatureMap == "relu" ? x.relu() : x.elu() + 1.0;

    protected override Tensor AttentionWeights(MixerInput input)
    {
        var q = FeatureMap(SplitHeads(_query.call(input.Normalized)));
        var k = FeatureMap(SplitHeads(_key.call(input.Raw)));
        var similarity = q.matmul(k.transpose(-2, -1)).masked_fill(input.Disallowed, 0);
        return similarity / (similarity.sum(-1, keepdim: true) + Epsilon);
    }
}
