using System.Collections.Immutable;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>Settings that apply only to the cells whose dataset and model match <c>when</c>. An empty
/// list matches everything; rules later in the file win over earlier ones.</summary>
public sealed record OverrideRule(
    SourceMark Mark,
    ImmutableArray<Marked<string>> Datasets,
    ImmutableArray<Marked<string>> Models,
    ImmutableDictionary<string, OptionSetting> Settings);

/// <summary>A value read from a sweep file and where it was written.</summary>
public sealed record Marked<T>(T Value, SourceMark Mark);
