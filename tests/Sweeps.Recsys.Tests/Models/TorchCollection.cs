namespace Sweeps.Recsys.Tests.Models;

/// <summary>libtorch's random generator and live-tensor count are process-wide, so tests that seed
/// it or build models must not interleave.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
