using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>RMHA-4, the PE study's relative attention (Shaw et al. 2018; docs/models.md, Positional
/// encodings): with r(i, j) = clip(j − i, −4, 4) + 4 and tables a^K, a^V ∈ R^{9×d_h},
/// S_ij = q_i·(k_j + a^K_r) / √d_h, out_i = Σ_j A_ij (v_j + a^V_r) [· W_O]. The study's switches:
/// LeakyReLU(0.2) on q, k, v; W_O; a second softmax (here over the allowed keys only, so the model
/// stays causal). Causal attention only ever reads the buckets r ≤ 4.</summary>
public sealed class RelativePositionAttention : SoftmaxAttentionMixer
{
    public const int Distance = 4;
    private const int Buckets = 2 * Distance + 1;
    private const double LeakySlope = 0.2;

    private readonly nn.Linear _query;
    private readonly nn.Linear _key;
    private readonly nn.Parameter _keyTable;
    private readonly nn.Parameter _valueTable;

    public RelativePositionAttention(ModelOptions options) : base(nameof(RelativePositionAttention), options)
    {
        _query = Initialization.Dense(options.Hidden, options.Hidden);
        _key = Initialization.Dense(options.Hidden, options.Hidden);
        _keyTable = Initialization.Glorot(Buckets, options.HeadDim);
        _valueTable = Initialization.Glorot(Buckets, options.HeadDim);
        RegisterComponents();
    }

    protected override Tensor Logits(MixerInput input)
    {
        var q = Activate(SplitHeads(_query.call(input.Normalized)));
        var k = Activate(SplitHeads(_key.call(input.Raw)));
        var content = q.matmul(k.transpose(-2, -1));
        // q_i·a^K_r for the 9 buckets, then spread to the keys: row i reads bucket r(i, j) at column j.
        var relative = q.matmul(_keyTable.t()).unsqueeze(-2).matmul(BucketOf(input.Length, q.device).transpose(-2, -1)).squeeze(-2);
        return (content + relative) / Math.Sqrt(Options.HeadDim);
    }

    protected override Tensor AttentionWeights(MixerInput input)
    {
        var weights = base.AttentionWeights(input);
        return Options.RmhaDoubleSoftmax ? MaskedSoftmax(weights, input) : weights;
    }

    protected override Tensor Values(MixerInput input) => Activate(base.Values(input));

    protected override Tensor Aggregate(Tensor weights, Tensor values)
    {
        // Σ_j A_ij a^V_{r(i,j)} = (Σ_{j in bucket r} A_ij)_r · a^V.
        var perBucket = weights.unsqueeze(-2).matmul(BucketOf(weights.size(-1), weights.device)).squeeze(-2);
        return weights.matmul(values) + perBucket.matmul(_valueTable);
    }

    private Tensor Activate(Tensor x) => Options.RmhaLeaky ? x.maximum(x * LeakySlope) : x;

    /// <summary>(n, n, 9) one-hot of r(i, j).</summary>
    private static Tensor BucketOf(long n, Sweeps.Torch.Device device)
    {
        var slots = arange(0, n, device: device);
        var offsets = (slots.view(1, n) - slots.view(n, 1)).clamp(-Distance, Distance) + Distance;
        return offsets.unsqueeze(-1).eq(arange(0, Buckets, device: device).view(1, 1, Buckets)).to(float32);
    }
}
