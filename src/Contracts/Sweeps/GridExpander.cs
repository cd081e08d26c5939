using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Sweeps;

/// <summary>Expands a validated sweep into jobs, lazily: datasets, then models (file order), then the
/// grid (last axis fastest), then seeds. Memory stays bounded whatever the number of jobs; the
/// parameters of consecutive configs share structure (an immutable dictionary per prefix of the axes).</summary>
public static class GridExpander
{
    public static long Count(SweepSpec spec) => spec.JobCount;

    public static IEnumerable<JobSpec> Expand(SweepSpec spec) => spec.Cells.SelectMany(Expand);

    public static IEnumerable<JobSpec> Expand(SweepCell cell)
    {
        foreach (var parameters in Configs(cell))
        foreach (var seed in cell.Seeds)
            yield return new JobSpec(cell.Dataset.Name, cell.Dataset.Sha256, cell.Model.Id, parameters, seed);
    }

    /// <summary>The parameters of every config of a cell. <c>prefix[i]</c> holds the fixed values plus
    /// axes 0..i-1, so advancing the odometer rebuilds only the axes that changed.</summary>
    public static IEnumerable<ImmutableSortedDictionary<string, HyperValue>> Configs(SweepCell cell)
    {
        var axes = cell.Axes;
        var index = new int[axes.Length];
        var prefix = new ImmutableSortedDictionary<string, HyperValue>[axes.Length + 1];
        prefix[0] = cell.Fixed;
        var changedFrom = 0;
        while (true)
        {
            for (var i = changedFrom; i < axes.Length; i++)
                prefix[i + 1] = prefix[i].SetItem(axes[i].Key, axes[i].Values[index[i]]);
            yield return WithoutUnnamedDefaults(cell, WithoutInapplicable(cell, WithDerived(cell, prefix[axes.Length])));

            changedFrom = axes.Length - 1;
            while (changedFrom >= 0 && ++index[changedFrom] == axes[changedFrom].Values.Length)
                index[changedFrom--] = 0;
            if (changedFrom < 0) yield break;
        }
    }

    private static ImmutableSortedDictionary<string, HyperValue> WithoutInapplicable(SweepCell cell,
        ImmutableSortedDictionary<string, HyperValue> parameters)
    {
        foreach (var key in cell.Conditional)
        {
            var condition = OptionCatalog.Find(key)!.OnlyWith!;
            if (!condition.HoldsFor(parameters[condition.Key])) parameters = parameters.Remove(key);
        }
        return parameters;
    }

    /// <summary>Leaves out the options named only off their default where they take it, so a job
    /// trained before such an option existed keeps its id.</summary>
    private static ImmutableSortedDictionary<string, HyperValue> WithoutUnnamedDefaults(SweepCell cell,
        ImmutableSortedDictionary<string, HyperValue> parameters)
    {
        foreach (var option in OptionCatalog.NamedOnlyOffDefault)
        {
            if (!parameters.TryGetValue(option.Key, out var value)) continue;
            var snapshot = parameters;
            var standard = ModelDefaults.For(option.Key, cell.Model)
                .Compute(new DefaultContext(cell.Dataset.Name, cell.Model, k => snapshot[k]));
            if (value == standard) parameters = parameters.Remove(option.Key);
        }
        return parameters;
    }

    private static ImmutableSortedDictionary<string, HyperValue> WithDerived(SweepCell cell,
        ImmutableSortedDictionary<string, HyperValue> parameters)
    {
        foreach (var key in cell.Derived)
        {
            var rule = ModelDefaults.For(key, cell.Model);
            var snapshot = parameters;
            parameters = parameters.SetItem(key, rule.Compute(new DefaultContext(cell.Dataset.Name, cell.Model, k => snapshot[k])));
        }
        return parameters;
    }
}
