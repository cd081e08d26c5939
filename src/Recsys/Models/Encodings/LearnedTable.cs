using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Encodings;

/// <summary>T = P ∈ R^{n×d}, learned, Glorot-uniform like the backbone's additive table (used by
/// <c>learned_concat</c>; plain <c>learned</c> keeps its table in the backbone).</summary>
public sealed class LearnedTable : PositionTable
{
    private readonly nn.Parameter _positions;

    public LearnedTable(ModelOptions options) : base(nameof(LearnedTable))
    {
        _positions = Initialization.Glorot(options.MaxLen, options.Hidden);
        RegisterComponents();
    }

    public override Tensor Rows(long offset, long length, Sweeps.Torch.Device device) => _positions.narrow(0, offset, length);
}
