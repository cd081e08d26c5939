using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>The checks that need more than one part of the file: dataset resolution, model names,
/// override targets, options no model uses, constraints between options, tuned dimensions and size.
/// Builds the cells only when the whole file is valid.</summary>
internal sealed class SweepValidator(ErrorCollector errors, IDatasetResolver resolver)
{
    public const long MaxJobs = 100_000_000;

    public SweepSpec? Validate(SweepDocument document)
    {
        var datasets = ResolveDatasets(document.Datasets);
        var models = ResolveModels(document.Models);
        CheckRules(document, datasets, models);
        CheckApplicability(document.Settings, models.Select(m => m.Model.Id).ToList(), "this sweep");
        var plans = (from d in datasets
                     from m in models
                     select (Dataset: d, Model: m.Model, Options: CellPlanner.Plan(document, d.Reference, d.Identity, m.Model)))
                    .ToList();
        foreach (var plan in plans)
        {
            CheckConstraints(plan.Options);
            CheckChoices(plan.Options, plan.Model);
        }
        CheckConditions(plans.Select(p => p.Options).ToList());
        CheckTune(document, plans.Select(p => p.Options).ToList());
        if (errors.HasErrors) return null;

        var cells = plans.Select(p => CellPlanner.ToCell(p.Options, p.Dataset.Identity, p.Model, document.Seeds)).ToImmutableArray();
        if (!CheckSize(cells, document)) return null;
        return new SweepSpec(document.Name, errors.File, [.. datasets.Select(d => d.Identity)], [.. models.Select(m => m.Model)],
            document.Seeds, [.. document.Tune.Select(t => t.Value)], document.Device, cells)
        {
            Keep = document.Keep,
        };
    }

    private List<(Marked<string> Reference, DatasetIdentity Identity)> ResolveDatasets(IEnumerable<Marked<string>> references)
    {
        var resolved = new List<(Marked<string>, DatasetIdentity)>();
        foreach (var reference in references)
        {
            var resolution = resolver.Resolve(reference.Value);
            if (resolution.Identity is not { } identity)
            {
                errors.Add(reference.Mark, resolution.Problem ?? $"dataset '{reference.Value}' cannot be resolved");
                continue;
            }
            var twin = resolved.FirstOrDefault(r => string.Equals(r.Item2.Name, identity.Name, StringComparison.OrdinalIgnoreCase));
            if (twin.Item1 is not null)
                errors.Add(reference.Mark, $"dataset '{reference.Value}' has the same name '{identity.Name}' as '{twin.Item1.Value}' at {twin.Item1.Mark}");
            else
                resolved.Add((reference, identity));
        }
        return resolved;
    }

    private List<(Marked<string> Reference, ModelDefinition Model)> ResolveModels(IEnumerable<Marked<string>> references)
    {
        var resolved = new List<(Marked<string>, ModelDefinition)>();
        foreach (var reference in references)
        {
            if (ModelCatalog.Find(reference.Value) is { } model) resolved.Add((reference, model));
            else errors.Add(reference.Mark, UnknownModel(reference.Value));
        }
        return resolved;
    }

    private void CheckRules(SweepDocument document, List<(Marked<string> Reference, DatasetIdentity Identity)> datasets,
        List<(Marked<string> Reference, ModelDefinition Model)> models)
    {
        foreach (var rule in document.Overrides)
        {
            foreach (var d in rule.Datasets.Where(d => !datasets.Any(x => CellPlanner.NamesDataset(d.Value, x.Reference.Value, x.Identity.Name))))
                errors.Add(d.Mark, $"override names dataset '{d.Value}', which is not in 'datasets'");
            foreach (var m in rule.Models.Where(m => models.All(x => x.Model.Id != m.Value)))
                errors.Add(m.Mark, ModelCatalog.Find(m.Value) is null
                    ? UnknownModel(m.Value)
                    : $"override names model '{m.Value}', which is not in 'models'");
            var ruleModels = rule.Models.IsEmpty
                ? models.Select(x => x.Model.Id).ToList()
                : rule.Models.Select(m => m.Value).ToList();
            CheckApplicability(rule.Settings, ruleModels, "this rule");
        }
    }

    /// <summary>A model-specific option set where no model uses it is almost always a mistake (a typo in
    /// the model list, or a rule aimed at the wrong model): it would silently change nothing.</summary>
    private void CheckApplicability(IReadOnlyDictionary<string, OptionSetting> settings, List<string> modelIds, string where)
    {
        if (modelIds.Count == 0) return;
        foreach (var setting in settings.Values.Where(s => !modelIds.Any(s.Option.AppliesTo)))
            errors.Add(setting.KeyMark,
                $"'{setting.Option.Key}' applies only to {string.Join(", ", setting.Option.Models)}; none of the models of {where} uses it");
    }

    private void CheckConstraints(Dictionary<string, ResolvedOption> options)
    {
        foreach (var constraint in PairConstraint.All)
        {
            if (!options.TryGetValue(constraint.Left, out var left) || !options.TryGetValue(constraint.Right, out var right)) continue;
            for (var i = 0; i < left.Values.Length; i++)
            {
                // One report per offending value is enough to fix it.
                var j = FirstViolation(constraint, left.Values[i], right.Values);
                if (j < 0) continue;
                var mark = left.IsExplicit ? left.Marks[i] : right.IsExplicit ? right.Marks[j] : default;
                errors.Add(mark, constraint.Describe(left.Values[i], right.Values[j]));
            }
        }
    }

    /// <summary>A choice only some models implement (e.g. <c>pe: rope</c>) is refused here, where the
    /// sweep can still be fixed, rather than failing on a worker.</summary>
    private void CheckChoices(Dictionary<string, ResolvedOption> options, ModelDefinition model)
    {
        foreach (var option in options.Values.Where(o => o.IsExplicit))
            for (var i = 0; i < option.Values.Length; i++)
            {
                var value = option.Values[i];
                if (option.Option.Accepts(value, model.Id)) continue;
                errors.Add(option.Marks[i],
                    $"{option.Option.Key}: {value} is not implemented by {model.Id}; models that have it: {string.Join(", ", option.Option.ChoiceModels[value.AsString()])}");
            }
    }

    /// <summary>An option set where its condition never holds (e.g. <c>rmha_leaky</c> without
    /// <c>pe: rmha4</c>) would change nothing; several values of it where the condition holds only for
    /// some configs would give the others duplicate jobs.</summary>
    private void CheckConditions(List<Dictionary<string, ResolvedOption>> plans)
    {
        var reached = new Dictionary<SourceMark, (ResolvedOption Option, bool Reached)>();
        foreach (var plan in plans)
            foreach (var option in plan.Values.Where(o => o.IsExplicit && o.Option.OnlyWith is not null))
            {
                var condition = option.Option.OnlyWith!;
                var reach = CellPlanner.Reach(plan, condition);
                var mark = option.Marks[0];
                reached[mark] = (option, reach != ConditionReach.Never || (reached.TryGetValue(mark, out var r) && r.Reached));
                if (reach == ConditionReach.Sometimes && option.Values.Length > 1)
                    errors.Add(mark, $"'{option.Option.Key}' has several values but applies only with {condition}, " +
                                     $"and {condition.Key} takes other values in the same cell; give it one value there");
            }
        foreach (var (mark, (option, _)) in reached.Where(r => !r.Value.Reached))
            errors.Add(mark, $"'{option.Option.Key}' applies only with {option.Option.OnlyWith}; no job of this sweep has that");
    }

    private static int FirstViolation(PairConstraint constraint, HyperValue left, ImmutableArray<HyperValue> rights)
    {
        for (var j = 0; j < rights.Length; j++)
            if (!constraint.Holds(left, rights[j])) return j;
        return -1;
    }

    private void CheckTune(SweepDocument document, List<Dictionary<string, ResolvedOption>> plans)
    {
        foreach (var tuned in document.Tune)
        {
            if (OptionCatalog.Find(tuned.Value) is null)
                errors.Add(tuned.Mark, $"unknown option '{tuned.Value}' in 'tune'{NameSuggestion.For(tuned.Value, OptionCatalog.Keys)}");
            else if (!plans.Any(p => p.TryGetValue(tuned.Value, out var o) && o.Values.Length > 1))
                errors.Add(tuned.Mark, $"'{tuned.Value}' is tuned but no grid gives it more than one value");
        }
    }

    private bool CheckSize(ImmutableArray<SweepCell> cells, SweepDocument document)
    {
        try
        {
            var total = cells.Aggregate(0L, (sum, cell) => checked(sum + cell.JobCount));
            if (total <= MaxJobs) return true;
        }
        catch (OverflowException)
        {
        }
        errors.Add(document.Root, $"the sweep expands to more than {MaxJobs} jobs");
        return false;
    }

    private static string UnknownModel(string id) =>
        $"unknown model '{id}'{NameSuggestion.For(id, ModelCatalog.Ids)} (known: {string.Join(", ", ModelCatalog.Ids)})";
}
