using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Encodings;

/// <summary>T[t, 2i] = sin(p_t / 10000^{2i/d}), T[t, 2i+1] = cos(p_t / 10000^{2i/d}), no parameters.
/// Reversed (the PE study's default), p_t = n − 1 − t: the most recent slot is position 0 whatever
/// the window length; otherwise p_t = t.</summary>
public sealed class SinusoidalTable : PositionTable
{
    private const double Base = 10000;
    private readonly long _slots;
    private readonly long _hidden;
    private readonly bool _reverse;

    public SinusoidalTable(ModelOptions options) : base(nameof(SinusoidalTable))
    {
        _slots = options.MaxLen;
        _hidden = options.Hidden;
        _reverse = options.PeReverse;
    }

    public override Tensor Rows(long offset, long length, Sweeps.Torch.Device device)
    {
        var slots = arange(offset, offset + length, dtype: float32, device: device);
        var positions = _reverse ? (_slots - 1) - slots : slots;
        var pairs = (_hidden + 1) / 2;
        var frequencies = (arange(0, pairs, dtype: float32, device: device) * (-2.0 * Math.Log(Base) / _hidden)).exp();
        var angles = positions.view(length, 1) * frequencies.view(1, pairs);
        return stack([angles.sin(), angles.cos()], -1).reshape(length, 2 * pairs).narrow(1, 0, _hidden);
    }
}
