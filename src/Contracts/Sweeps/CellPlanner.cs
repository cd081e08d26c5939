using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Sweeps;

/// <summary>Decides the values of every option for one dataset × model. Precedence, lowest first:
/// <see cref="ModelDefaults"/> (a preset's values over the table), the sweep's own settings, then
/// the matching override rules in file order. Options the model does not use are left out.</summary>
internal static class CellPlanner
{
    public static Dictionary<string, ResolvedOption> Plan(SweepDocument document, Marked<string> reference,
        DatasetIdentity dataset, ModelDefinition model)
    {
        var plan = new Dictionary<string, ResolvedOption>(StringComparer.Ordinal);
        foreach (var option in OptionCatalog.All.Where(o => o.AppliesTo(model.Id)))
        {
            var setting = document.Overrides.LastOrDefault(r => Matches(r, reference.Value, dataset.Name, model.Id)
                                                                && r.Settings.ContainsKey(option.Key))?.Settings[option.Key]
                          ?? document.Settings.GetValueOrDefault(option.Key);
            if (setting is not null)
            {
                plan[option.Key] = ResolvedOption.From(setting);
                continue;
            }
            var rule = ModelDefaults.For(option.Key, model);
            plan[option.Key] = rule.IsDerived
                ? new ResolvedOption(option, [], [], rule)
                : new ResolvedOption(option, [rule.Compute(new DefaultContext(dataset.Name, model, NoDependency))], [], null);
        }
        return plan;
    }

    public static bool Matches(OverrideRule rule, string reference, string datasetName, string modelId) =>
        (rule.Datasets.IsEmpty || rule.Datasets.Any(d => NamesDataset(d.Value, reference, datasetName)))
        && (rule.Models.IsEmpty || rule.Models.Any(m => m.Value == modelId));

    public static bool NamesDataset(string written, string reference, string datasetName) =>
        string.Equals(written, reference, StringComparison.Ordinal)
        || string.Equals(written, datasetName, StringComparison.OrdinalIgnoreCase);

    /// <summary>In how many configs of a planned cell <paramref name="condition"/> holds.</summary>
    public static ConditionReach Reach(Dictionary<string, ResolvedOption> plan, OptionCondition condition)
    {
        if (!plan.TryGetValue(condition.Key, out var driver) || driver.Values.IsEmpty) return ConditionReach.Never;
        var holding = driver.Values.Count(condition.HoldsFor);
        return holding == 0 ? ConditionReach.Never
            : holding == driver.Values.Length ? ConditionReach.Always
            : ConditionReach.Sometimes;
    }

    /// <summary>Builds the cell from a plan: single values into <see cref="SweepCell.Fixed"/>, several into
    /// axes; derived defaults are computed now when what they follow is fixed. A conditional option
    /// whose condition never holds is left out; one whose condition holds in some configs only is
    /// left out of the others at expansion.</summary>
    public static SweepCell ToCell(Dictionary<string, ResolvedOption> plan, DatasetIdentity dataset,
        ModelDefinition model, ImmutableArray<int> seeds)
    {
        var conditional = new List<string>();
        plan = new Dictionary<string, ResolvedOption>(plan, StringComparer.Ordinal);
        foreach (var (key, option) in plan.Where(p => p.Value.Option.OnlyWith is not null).ToList())
        {
            var reach = Reach(plan, option.Option.OnlyWith!);
            if (reach == ConditionReach.Never) plan.Remove(key);
            else if (reach == ConditionReach.Sometimes) conditional.Add(key);
        }
        var fixedValues = ImmutableSortedDictionary.CreateBuilder<string, HyperValue>(StringComparer.Ordinal);
        var axes = new List<CellAxis>();
        var derived = new List<string>();
        foreach (var (key, option) in plan.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (option.DerivedRule is not null) derived.Add(key);
            else if (option.Values.Length == 1) fixedValues[key] = option.Values[0];
            else axes.Add(new CellAxis(key, option.Values));
        }
        var perConfig = new List<string>();
        foreach (var key in derived)
        {
            var rule = plan[key].DerivedRule!;
            if (rule.DependsOn.All(fixedValues.ContainsKey))
                fixedValues[key] = rule.Compute(new DefaultContext(dataset.Name, model, k => fixedValues[k]));
            else
                perConfig.Add(key);
        }
        return new SweepCell(dataset, model, fixedValues.ToImmutable(), [.. axes], [.. perConfig], seeds)
        {
            Conditional = [.. conditional.Order(StringComparer.Ordinal)],
        };
    }

    private static HyperValue NoDependency(string key) =>
        throw new InvalidOperationException($"a non-derived default read option '{key}'");
}

/// <summary>Whether a conditional option's condition holds in none, some or all configs of a cell.</summary>
internal enum ConditionReach { Never, Sometimes, Always }
