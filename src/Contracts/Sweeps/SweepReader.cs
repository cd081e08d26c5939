using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>Turns the YAML tree into a <see cref="SweepDocument"/>: checks keys, shapes and value types,
/// recording every problem and carrying on with what could be read.</summary>
internal sealed class SweepReader(ErrorCollector errors)
{
    public static readonly ImmutableArray<int> DefaultSeeds = [1, 2, 3];

    private static readonly string[] TopLevelKeys =
        ["name", "description", "datasets", "models", "seeds", "grid", "fixed", "training", "tune", "overrides", "device", "keep"];
    private static readonly string[] SettingSections = ["grid", "fixed", "training"];
    private static readonly string[] TrainingKeys = ["epochs", "patience", "eval_every"];
    private static readonly string[] RuleKeys = ["when", .. SettingSections];
    private static readonly string[] WhenKeys = ["datasets", "models"];
    private static readonly string[] DeviceKeys = ["kind", "slots"];

    public SweepDocument Read(YamlNode root)
    {
        var top = Mapping(root, "the sweep file", TopLevelKeys);
        var name = Required(top, "name", root) is { } nameNode ? Text(nameNode, "name")?.Value ?? "" : "";
        if (top.TryGetValue("description", out var description)) Text(description.Value, "description");
        return new SweepDocument(
            name,
            Required(top, "datasets", root) is { } datasets ? Names(datasets, "datasets") : [],
            Required(top, "models", root) is { } models ? Names(models, "models") : [],
            top.TryGetValue("seeds", out var seeds) ? Seeds(seeds.Value) : DefaultSeeds,
            Settings(top),
            top.TryGetValue("overrides", out var overrides) ? Overrides(overrides.Value) : [],
            top.TryGetValue("tune", out var tune) ? Names(tune.Value, "tune") : [],
            top.TryGetValue("device", out var device) ? Device(device.Value) : DeviceRequirement.Default,
            root.Mark)
        {
            Keep = top.TryGetValue("keep", out var keep) ? Keep(keep.Value) : [],
        };
    }

    private ImmutableArray<OverrideRule> Overrides(YamlNode node)
    {
        if (node is not YamlSequence list)
        {
            errors.Add(node.Mark, $"'overrides' must be a list of rules (- when: …), got {node.Describe()}");
            return [];
        }
        var rules = ImmutableArray.CreateBuilder<OverrideRule>();
        foreach (var item in list.Items)
        {
            var rule = Mapping(item, "an override rule", RuleKeys);
            if (item is not YamlMapping) continue;
            var when = Required(rule, "when", item) is { } whenNode ? Mapping(whenNode, "'when'", WhenKeys) : [];
            if (rule.ContainsKey("when") && when.Count == 0)
                errors.Add(rule["when"].Value.Mark, "'when' must name datasets, models or both");
            rules.Add(new OverrideRule(
                item.Mark,
                when.TryGetValue("datasets", out var d) ? Names(d.Value, "datasets", allowScalar: true) : [],
                when.TryGetValue("models", out var m) ? Names(m.Value, "models", allowScalar: true) : [],
                Settings(rule)));
        }
        return rules.ToImmutable();
    }

    /// <summary>Reads the grid, fixed and training sections of one level (the sweep or a rule). An option
    /// may be set once per level.</summary>
    private ImmutableDictionary<string, OptionSetting> Settings(IReadOnlyDictionary<string, YamlEntry> level)
    {
        var settings = ImmutableDictionary.CreateBuilder<string, OptionSetting>(StringComparer.Ordinal);
        foreach (var section in SettingSections)
        {
            if (!level.TryGetValue(section, out var entry)) continue;
            var allowed = section == "training" ? TrainingKeys : null;
            foreach (var (key, option) in Mapping(entry.Value, $"'{section}'", allowed ?? OptionCatalog.Keys, optionNames: true))
            {
                if (OptionCatalog.Find(key) is not { } definition) continue;
                var setting = section == "grid" ? Grid(definition, option) : Single(definition, option, section);
                if (setting is null) continue;
                if (settings.TryGetValue(key, out var earlier))
                    errors.Add(option.Key.Mark,
                        $"'{key}' is already set under '{earlier.Section}' at {earlier.KeyMark}; set it in one place");
                else
                    settings[key] = setting;
            }
        }
        return settings.ToImmutable();
    }

    private OptionSetting? Single(OptionDefinition definition, YamlEntry entry, string section)
    {
        if (entry.Value is not YamlScalar scalar)
        {
            var hint = entry.Value is YamlSequence ? "; a list of values belongs under 'grid'" : "";
            errors.Add(entry.Value.Mark, $"'{definition.Key}' expects {definition.Expectation()}, got {entry.Value.Describe()}{hint}");
            return null;
        }
        return Value(definition, scalar) is { } value
            ? new OptionSetting(definition, [value], [scalar.Mark], entry.Key.Mark, section)
            : null;
    }

    private OptionSetting? Grid(OptionDefinition definition, YamlEntry entry)
    {
        if (entry.Value is not YamlSequence list)
        {
            errors.Add(entry.Value.Mark, $"grid '{definition.Key}' must be a list of values, got {entry.Value.Describe()}");
            return null;
        }
        if (list.Items.IsEmpty)
        {
            errors.Add(list.Mark, $"grid '{definition.Key}' is empty; give at least one value");
            return null;
        }
        var values = ImmutableArray.CreateBuilder<HyperValue>();
        var marks = ImmutableArray.CreateBuilder<SourceMark>();
        var valid = true;
        foreach (var item in list.Items)
        {
            var value = item is YamlScalar scalar ? Value(definition, scalar) : null;
            if (item is not YamlScalar)
                errors.Add(item.Mark, $"grid '{definition.Key}' values must be scalars, got {item.Describe()}");
            if (value is not { } v)
            {
                valid = false;
                continue;
            }
            var earlier = values.IndexOf(v);
            if (earlier >= 0)
            {
                errors.Add(item.Mark, $"grid '{definition.Key}' lists {v} twice (first at {marks[earlier]})");
                valid = false;
                continue;
            }
            values.Add(v);
            marks.Add(item.Mark);
        }
        return valid ? new OptionSetting(definition, values.ToImmutable(), marks.ToImmutable(), entry.Key.Mark, "grid") : null;
    }

    private HyperValue? Value(OptionDefinition definition, YamlScalar scalar)
    {
        var value = definition.Read(scalar, out var problem);
        if (problem is not null) errors.Add(scalar.Mark, problem);
        return value;
    }

    private ImmutableArray<int> Seeds(YamlNode node)
    {
        if (node is not YamlSequence { Items.IsEmpty: false } list)
        {
            errors.Add(node.Mark, $"'seeds' must be a non-empty list of integers, got {node.Describe()}");
            return [];
        }
        var seeds = ImmutableArray.CreateBuilder<int>();
        foreach (var item in list.Items)
        {
            if (item is not YamlScalar { IsPlain: true } scalar || !ScalarReader.TryInteger(scalar.Value, out var seed)
                || seed is < 0 or > int.MaxValue)
                errors.Add(item.Mark, $"seeds must be integers in [0, {int.MaxValue}], got {item.Describe()}");
            else if (seeds.Contains((int)seed))
                errors.Add(item.Mark, $"seed {seed} is listed twice");
            else
                seeds.Add((int)seed);
        }
        return seeds.ToImmutable();
    }

    private DeviceRequirement Device(YamlNode node)
    {
        var device = Mapping(node, "'device'", DeviceKeys);
        var kind = DeviceKind.Any;
        var slots = 1;
        if (device.TryGetValue("kind", out var kindEntry) && Text(kindEntry.Value, "device kind") is { } kindText)
            kind = DeviceKinds.TryParse(kindText.Value) ?? Invalid(kindText);
        if (device.TryGetValue("slots", out var slotsEntry))
        {
            if (slotsEntry.Value is YamlScalar { IsPlain: true } s && ScalarReader.TryInteger(s.Value, out var n) && n is >= 1 and <= 1024)
                slots = (int)n;
            else
                errors.Add(slotsEntry.Value.Mark, $"device slots must be an integer in [1, 1024], got {slotsEntry.Value.Describe()}");
        }
        return new DeviceRequirement(kind, slots);

        DeviceKind Invalid(Marked<string> text)
        {
            errors.Add(text.Mark, $"device kind must be one of any, cpu, cuda, got '{text.Value}'");
            return DeviceKind.Any;
        }
    }

    private ImmutableArray<KeptArtifact> Keep(YamlNode node)
    {
        var kept = ImmutableArray.CreateBuilder<KeptArtifact>();
        foreach (var name in Names(node, "keep"))
        {
            var index = Array.IndexOf(KeepNames, name.Value);
            if (index >= 0)
                kept.Add(Enum.GetValues<KeptArtifact>()[index]);
            else
                errors.Add(name.Mark, $"'keep' cannot keep '{name.Value}'; it keeps {string.Join(", ", KeepNames)}{NameSuggestion.For(name.Value, KeepNames)}");
        }
        return kept.ToImmutable();
    }

    private static readonly string[] KeepNames = [.. Enum.GetValues<KeptArtifact>().Select(KeepName)];

    private static string KeepName(KeptArtifact artifact) => artifact.ToString().ToLowerInvariant();

    /// <summary>A list of distinct non-empty names (datasets, models, tuned options).</summary>
    private ImmutableArray<Marked<string>> Names(YamlNode node, string key, bool allowScalar = false)
    {
        var items = node switch
        {
            YamlSequence list => list.Items,
            YamlScalar scalar when allowScalar => [scalar],
            _ => [],
        };
        if (items.IsEmpty)
        {
            errors.Add(node.Mark, $"'{key}' must be a non-empty list of names, got {node.Describe()}");
            return [];
        }
        var names = ImmutableArray.CreateBuilder<Marked<string>>();
        foreach (var item in items)
        {
            if (Text(item, key) is not { } name) continue;
            if (names.FirstOrDefault(n => n.Value == name.Value) is { } earlier)
                errors.Add(item.Mark, $"'{name.Value}' is listed twice in '{key}' (first at {earlier.Mark})");
            else
                names.Add(name);
        }
        return names.ToImmutable();
    }

    private Marked<string>? Text(YamlNode node, string key)
    {
        if (node is YamlScalar { Value.Length: > 0 } scalar) return new Marked<string>(scalar.Value, scalar.Mark);
        errors.Add(node.Mark, $"'{key}' must be a non-empty text, got {node.Describe()}");
        return null;
    }

    private YamlNode? Required(IReadOnlyDictionary<string, YamlEntry> mapping, string key, YamlNode owner)
    {
        if (mapping.TryGetValue(key, out var entry)) return entry.Value;
        if (owner is YamlMapping) errors.Add(owner.Mark, $"missing required key '{key}'");
        return null;
    }

    /// <summary>The entries of a mapping by key, reporting unknown and repeated keys.</summary>
    private Dictionary<string, YamlEntry> Mapping(YamlNode node, string what, IEnumerable<string> allowed, bool optionNames = false)
    {
        var entries = new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
        if (node is not YamlMapping mapping)
        {
            errors.Add(node.Mark, $"{what} must be a mapping (key: value), got {node.Describe()}");
            return entries;
        }
        var known = allowed as IReadOnlyCollection<string> ?? allowed.ToList();
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (!known.Contains(key))
                errors.Add(entry.Key.Mark, UnknownKey(key, what, known, optionNames));
            else if (entries.TryGetValue(key, out var earlier))
                errors.Add(entry.Key.Mark, $"duplicate key '{key}' (first at {earlier.Key.Mark})");
            else
                entries[key] = entry;
        }
        return entries;
    }

    private static string UnknownKey(string key, string what, IReadOnlyCollection<string> known, bool optionNames)
    {
        if (optionNames && OptionCatalog.Find(key) is not null)
            return $"'{key}' cannot be set in {what}; allowed there: {string.Join(", ", known)}";
        var noun = optionNames ? "option" : "key";
        return $"unknown {noun} '{key}' in {what}{NameSuggestion.For(key, known)}";
    }
}
