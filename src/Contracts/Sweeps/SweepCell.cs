using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Sweeps;

/// <summary>One dataset × model of a sweep, fully resolved: the options with one value, the grid axes
/// (options with several values, the product of which are the cell's configs) and the seeds.</summary>
/// <param name="Fixed">Every single-valued option the model uses, defaults included.</param>
/// <param name="Axes">Options with several values, in ordinal key order; the last varies fastest.</param>
/// <param name="Derived">Options whose default follows an axis (e.g. ffn_inner = hidden), computed per config.</param>
public sealed record SweepCell(
    DatasetIdentity Dataset,
    ModelDefinition Model,
    ImmutableSortedDictionary<string, HyperValue> Fixed,
    ImmutableArray<CellAxis> Axes,
    ImmutableArray<string> Derived,
    ImmutableArray<int> Seeds)
{
    /// <summary>Single-valued options left out of the configs where their condition
    /// (<see cref="OptionDefinition.OnlyWith"/>) fails; the condition's option is an axis.</summary>
    public ImmutableArray<string> Conditional { get; init; } = [];

    public long ConfigCount => Axes.Aggregate(1L, (product, axis) => checked(product * axis.Values.Length));
    public long JobCount => checked(ConfigCount * Seeds.Length);
}

/// <summary>An option the grid varies within a cell.</summary>
public sealed record CellAxis(string Key, ImmutableArray<HyperValue> Values);
