using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Encodings;

/// <summary>A positional term T ∈ R^{n×d} indexed by window slot (docs/models.md, "Positional
/// encodings"). Rows are read from the window's first slot on, so a trimmed window gets the rows of
/// the slots it holds.</summary>
public abstract class PositionTable(string name) : nn.Module(name)
{
    /// <summary>(length, d): the rows of slots offset … offset + length − 1.</summary>
    public abstract Tensor Rows(long offset, long length, Sweeps.Torch.Device device);
}
