using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>The part of a block that moves information between slots; the only part in which the
/// models of the zoo differ (RecBole's backbone contract).</summary>
public abstract class TokenMixer(string name) : nn.Module<MixerInput, Tensor>(name)
{
    /// <summary>Whether a real slot's output ignores padding slots entirely (under strict padding),
    /// so a window may be cut to its last slots without changing it.</summary>
    public virtual bool SupportsTrimmedWindows => true;
}
