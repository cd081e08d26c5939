using System.Collections.Immutable;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>A sweep file as written, every value typed and located, before datasets are resolved and
/// cross-checks run. Entries that could not be read are absent (their errors are already recorded).</summary>
internal sealed record SweepDocument(
    string Name,
    ImmutableArray<Marked<string>> Datasets,
    ImmutableArray<Marked<string>> Models,
    ImmutableArray<int> Seeds,
    ImmutableDictionary<string, OptionSetting> Settings,
    ImmutableArray<OverrideRule> Overrides,
    ImmutableArray<Marked<string>> Tune,
    DeviceRequirement Device,
    SourceMark Root)
{
    public ImmutableArray<KeptArtifact> Keep { get; init; } = [];
}
