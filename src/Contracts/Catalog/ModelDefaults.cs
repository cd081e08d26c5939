using System.Collections.Frozen;
using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Catalog;

/// <summary>The one table of default values (docs/models.md, Backbone and the model cards). Every option a model uses ends
/// up in its jobs' parameters, so a run's id does not depend on whether a sweep spelled a default out;
/// an option <see cref="OptionDefinition.NamedOnlyOffDefault"/> is left out at its default instead.</summary>
public static class ModelDefaults
{
    /// <summary>The dataset whose defaults differ (docs/models.md, Per-dataset defaults: the FPARec ML-1m scripts).</summary>
    public const string MovieLens1M = "ml-1m";

    private static readonly FrozenDictionary<string, DefaultRule> Rules = new Dictionary<string, DefaultRule>
    {
        // 50, and 200 on ML-1m as in the FPARec scripts (docs/models.md, Per-dataset defaults); the paper tunes it.
        ["maxlen"] = PerDataset(movieLens: 200, other: 50),
        // The FPARec code's default 20, and 40 in its ML-1m scripts (docs/models.md, Per-dataset defaults).
        ["k"] = PerDataset(movieLens: 40, other: 20),
        ["blocks"] = Constant(2),
        ["hidden"] = Constant(50),
        ["heads"] = Constant(1),
        // f = d in the reference code (conv1d with hidden_units filters), so f follows d.
        ["ffn_inner"] = Derived(c => c.Parameter("hidden"), "hidden"),
        // 0.2 in the ML-1m scripts; not given elsewhere, code default 0.5 (K18).
        ["dropout"] = PerDataset(movieLens: 0.2, other: 0.5),
        ["lr"] = Constant(1e-3),
        ["batch"] = Constant(128),
        // Two side-by-side halves use both cores of a small machine (EpochRunner).
        ["step_shards"] = Constant(2),
        // 801 in both ML-1m scripts, code default 201 (K13).
        ["epochs"] = PerDataset(movieLens: 801, other: 201),
        ["patience"] = Constant(0),
        ["eval_every"] = Constant(20),
        ["weight_decay"] = Constant(0.0),
        ["temperature"] = Constant(1.0),
        ["block_style"] = Constant("sasrec_ref"),
        ["ffn_placement"] = Constant("per_block"),
        ["value_from"] = Constant("raw"),
        ["out_proj"] = Constant(false),
        ["pe"] = Constant("learned"),
        ["padding"] = Constant("strict"),
        ["ce_include_pad"] = Constant(false),
        ["loss"] = Constant("ce_full"),
        ["sampler"] = Constant("with_replacement"),
        ["eval_users"] = Constant("all"),
        ["exclude_history"] = Constant(false),
        ["select"] = Constant("best_valid_ndcg10"),
        ["pa_init"] = Constant("trunc_normal_0.01"),
        ["fixed_index"] = Constant("absolute"),
        ["fixed_lambda"] = Constant(1.0),
        // Normalising over real items only keeps a short history's pattern from being diluted by padding.
        ["fixed_include_pad"] = Constant(false),
        ["feature_map"] = Constant("elu1"),
        ["token_mixing"] = Constant("mlp2"),
        // The PE study's code: sinusoids reversed, RMHA with W_O and LeakyReLU q/k/v; its second
        // softmax is a quirk, off unless a replica is wanted.
        ["pe_reverse"] = Constant(true),
        ["rmha_out_proj"] = Constant(true),
        ["rmha_leaky"] = Constant(true),
        ["rmha_double_softmax"] = Constant(false),
        // No source fixes these (docs/models.md, pka): the sandwich reading needs both triangular
        // factors; "Toeplitz-Full" is the variant the summaries call best.
        ["pka_apply"] = Constant("sandwich"),
        ["pka_upper"] = Constant("toeplitz"),
        ["pka_lower"] = Constant("full"),
        ["pka_values"] = Constant(false),
        ["pka_shared"] = Constant(false),
        ["awrsr_mode"] = Constant("simp"),
        // r = d_h (docs/models.md, awrsr).
        ["awrsr_rank"] = Derived(c => c.Parameter("hidden").AsInt64() / c.Parameter("heads").AsInt64(), "hidden", "heads"),
        // The ½ of earlier write-ups is no source's value; kept as the neutral midpoint.
        ["awrsr_mix"] = Constant(0.5),
        ["noop_sleep_ms"] = Constant(0),
        ["noop_outcome"] = Constant("succeed"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsMovieLens1M(string dataset) =>
        string.Equals(dataset, MovieLens1M, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of <paramref name="key"/> in <paramref name="job"/>: its own, or the default
    /// (what a job leaves out is an option that did not apply when it was expanded).</summary>
    public static HyperValue Resolve(string key, JobSpec job)
    {
        if (job.Get(key) is { } value) return value;
        var model = ModelCatalog.Find(job.Model) ?? GenericModel;
        return For(key, model).Compute(new DefaultContext(job.Dataset, model, k => Resolve(k, job)));
    }

    /// <summary>A job's complete configuration: its parameters with every option it names only off the
    /// default filled in where it applies, so that tables compare configs option by option.</summary>
    public static ImmutableSortedDictionary<string, HyperValue> Complete(JobSpec job)
    {
        var parameters = job.Parameters;
        foreach (var option in OptionCatalog.NamedOnlyOffDefault.Where(o => o.AppliesTo(job.Model)))
        {
            if (parameters.ContainsKey(option.Key)) continue;
            if (option.OnlyWith is { } condition && !condition.HoldsFor(Resolve(condition.Key, job))) continue;
            parameters = parameters.Add(option.Key, Resolve(option.Key, job));
        }
        return parameters;
    }

    /// <summary>The default of <paramref name="key"/> outside any sweep (no preset, not ML-1m): what
    /// options built in code start from.</summary>
    public static HyperValue Generic(string key) =>
        Rules.TryGetValue(key, out var rule)
            ? rule.Compute(new DefaultContext("", GenericModel, Generic))
            : throw new KeyNotFoundException($"option '{key}' has no default");

    private static readonly ModelDefinition GenericModel =
        new("", "", "options built in code", ImmutableSortedDictionary<string, HyperValue>.Empty);

    /// <summary>The default of <paramref name="key"/> for a model; a preset's own value wins.</summary>
    public static DefaultRule For(string key, ModelDefinition model) =>
        model.Preset.TryGetValue(key, out var preset)
            ? Constant(preset)
            : Rules.TryGetValue(key, out var rule)
                ? rule
                : throw new KeyNotFoundException($"option '{key}' has no default");

    private static DefaultRule Constant(HyperValue value) => new([], _ => value);

    private static DefaultRule PerDataset(HyperValue movieLens, HyperValue other) =>
        new([], c => IsMovieLens1M(c.Dataset) ? movieLens : other);

    private static DefaultRule Derived(Func<DefaultContext, HyperValue> compute, params string[] dependsOn) =>
        new([.. dependsOn], compute);
}
