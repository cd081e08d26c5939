using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Encodings;

/// <summary>RoPE (Su et al. 2021; the PKA paper's baseline): channel pair (2i, 2i+1) of a query or key at
/// slot t is rotated by the angle t·10000^{−2i/d_h}. A rotation keeps norms, and
/// ⟨R_s q, R_t k⟩ = ⟨q, R_{t−s} k⟩, so scores depend on the slots' offset only.</summary>
public static class RotaryPositions
{
    private const double Base = 10000;

    /// <summary>x (…, m, d_h), d_h even, the slots of a window starting at <paramref name="offset"/>.</summary>
    public static Tensor Rotate(Tensor x, long offset)
    {
        var shape = x.shape;
        var length = shape[^2];
        var headDim = shape[^1];
        var half = headDim / 2;
        var device = x.device;
        var slots = arange(offset, offset + length, dtype: float32, device: device).view(length, 1);
        var frequencies = (arange(0, half, dtype: float32, device: device) * (-2.0 * Math.Log(Base) / headDim)).exp().view(1, half);
        var angles = slots * frequencies;
        var cos = angles.cos();
        var sin = angles.sin();
        var pairs = x.reshape([.. shape[..^1], half, 2]);
        var even = pairs.select(-1, 0);
        var odd = pairs.select(-1, 1);
        return stack([even * cos - odd * sin, even * sin + odd * cos], -1).reshape(shape);
    }
}
