using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Encodings;

/// <summary>The PE study's "Rotatory" encoding: a sinusoid with learned angles, not RoPE.
/// θ[t, i] = 2π·P[t, 2i] / 10000, T[t, 2i] = (−1)^i sin θ[t, i], T[t, 2i+1] = cos θ[t, i], with
/// P ∈ R^{n×d} drawn from N(0, 1) as the study's embedding table is; its odd columns get no gradient.</summary>
public sealed class RotatoryTable : PositionTable
{
    private const double AngleScale = 2 * Math.PI / 10000;
    private readonly nn.Parameter _angles;

    public RotatoryTable(ModelOptions options) : base(nameof(RotatoryTable))
    {
        using (var scope = NewDisposeScope()) _angles = new nn.Parameter(randn([options.MaxLen, options.Hidden]));
        RegisterComponents();
    }

    public override Tensor Rows(long offset, long length, Sweeps.Torch.Device device)
    {
        var hidden = _angles.size(1);
        var pairs = (hidden + 1) / 2;
        var evenColumns = arange(0, hidden, 2, device: device);
        var theta = _angles.narrow(0, offset, length).index_select(1, evenColumns) * AngleScale;
        var signs = tensor(Enumerable.Range(0, (int)pairs).Select(i => i % 2 == 0 ? 1f : -1f).ToArray(), pairs).to(device);
        return stack([theta.sin() * signs.view(1, pairs), theta.cos()], -1).reshape(length, 2 * pairs).narrow(1, 0, hidden);
    }
}
