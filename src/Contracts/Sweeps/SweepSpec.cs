using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Datasets;

namespace Sweeps.Contracts.Sweeps;

/// <summary>A validated sweep: what to run (its cells, expanded by <see cref="GridExpander"/>) and how
/// results are read (<see cref="Tune"/>: options chosen per config on validation, e.g. maxlen).</summary>
public sealed record SweepSpec(
    string Name,
    string SourceFile,
    ImmutableArray<DatasetIdentity> Datasets,
    ImmutableArray<ModelDefinition> Models,
    ImmutableArray<int> Seeds,
    ImmutableArray<string> Tune,
    DeviceRequirement Device,
    ImmutableArray<SweepCell> Cells)
{
    /// <summary>What to keep of each run beyond its metrics (<c>keep:</c>); not part of any job's
    /// identity, so asking for weights never retrains a finished job.</summary>
    public ImmutableArray<KeptArtifact> Keep { get; init; } = [];

    /// <summary>How many jobs <see cref="GridExpander.Expand(SweepSpec)"/> yields, without expanding.</summary>
    public long JobCount => Cells.Sum(c => c.JobCount);
}
