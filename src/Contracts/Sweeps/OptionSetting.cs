using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>An option set explicitly in a sweep file: one value (<c>fixed</c>, <c>training</c>) or a
/// grid of them, with where each value was written.</summary>
public sealed record OptionSetting(
    OptionDefinition Option,
    ImmutableArray<HyperValue> Values,
    ImmutableArray<SourceMark> ValueMarks,
    SourceMark KeyMark,
    string Section);
