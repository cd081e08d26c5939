using System.Collections.Immutable;
using System.Collections.Frozen;

namespace Sweeps.Contracts.Catalog;

/// <summary>Every option a sweep may set, each implemented by the models it applies to (docs/models.md).
/// Default values live in <see cref="ModelDefaults"/>.</summary>
public static class OptionCatalog
{
    private static readonly ImmutableArray<string> PositionalAttention = ["parec", "fparec", "fparec_ref"];

    /// <summary>The encodings that act inside a query–key attention, and the models whose mixer has one.</summary>
    private static readonly ImmutableDictionary<string, ImmutableArray<string>> AttentionEncodings =
        new Dictionary<string, ImmutableArray<string>>
        {
            ["rope"] = ["sasrec", "sasrec_author", "pka", "awrsr"],
            ["rmha4"] = ["sasrec", "sasrec_author"],
        }.ToImmutableDictionary();

    private static readonly OptionCondition Rmha = new("pe", ["rmha4"]);

    private static readonly ImmutableArray<string> FixedPatterns = ["fixed_average", "fixed_linear", "fixed_exponential"];

    public static ImmutableArray<OptionDefinition> All { get; } =
    [
        Integer("maxlen", "window length n (slots per sequence)", 1),
        Integer("k", "FPARec rank of R = R1 R2ᵀ", 1, ["fparec", "fparec_ref"]),
        Integer("blocks", "number of blocks L", 1),
        Integer("hidden", "hidden size d", 1),
        Integer("heads", "attention heads h (must divide hidden)", 1),
        Integer("ffn_inner", "FFN inner size f", 1),
        Real("dropout", "dropout rate p", 0, max: 1, maxExclusive: true),
        Real("lr", "Adam learning rate", 0, minExclusive: true),
        Integer("batch", "sequences per batch", 1),
        Integer("step_shards", "parts a batch is cut into, run side by side on CPU cores (gradient unchanged, dropout draws differ)", 1),
        Integer("epochs", "training epochs", 1),
        Integer("patience", "evaluations without validation gain before stopping; 0 = never stop early", 0),
        Integer("eval_every", "epochs between evaluations", 1),
        Real("weight_decay", "L2 penalty on the weights", 0),
        Real("temperature", "τ dividing the positional logits", 0, PositionalAttention, minExclusive: true),
        Choice("block_style", "residual layout of a block (docs/models.md, Block)", ["sasrec_ref", "prenorm"]),
        Choice("ffn_placement", "FFN in every block or once after them (K1)", ["per_block", "after_blocks"]),
        Choice("value_from", "input of the value projection (K3)", ["raw", "normalized"]),
        Boolean("out_proj", "output projection W_O after the mixer (K3)"),
        Choice("pe", "positional encoding: of the input, or inside attention for rope and rmha4 (docs/models.md, Positional encodings)",
            ["learned", "none", "abs_sinusoidal", "rotatory", "abs_sinusoidal_concat", "learned_concat",
             "rotatory_concat", "rmha4", "rope"]) with { ChoiceModels = AttentionEncodings },
        Boolean("pe_reverse", "sinusoidal positions counted back from the most recent slot (the PE study's default)")
            with { OnlyWith = new("pe", ["abs_sinusoidal", "abs_sinusoidal_concat"]) },
        Boolean("rmha_out_proj", "output projection W_O of the relative attention (the PE study has one)") with { OnlyWith = Rmha },
        Boolean("rmha_leaky", "LeakyReLU(0.2) on q, k and v of the relative attention (the PE study's default)") with { OnlyWith = Rmha },
        Boolean("rmha_double_softmax", "a second softmax over the allowed keys, the PE study's quirk") with { OnlyWith = Rmha },
        Choice("padding", "padding hygiene (K7)", ["strict", "ref_padding"]),
        Boolean("ce_include_pad", "padding class inside the softmax (K8)"),
        Choice("loss", "training loss (docs/models.md, Output and loss; K17)", ["ce_full", "bce_1neg"]),
        Choice("sampler", "how users are drawn into batches (K12)", ["with_replacement", "permutation"]),
        new("eval_users", OptionType.IntegerOrChoice, "evaluated users: all, or a seeded sample of that size (K15)",
            [], ["all"], Min: 1),
        Boolean("exclude_history", "remove history items from the ranking (K16)"),
        Choice("select", "which evaluation point is reported (K14)", ["best_valid_ndcg10", "last"]),
        // Zero factors R1 = R2 = 0 would get no gradient: only parec's full R can start at zero.
        Choice("pa_init", "initialisation of the positional attention (K9)", ["trunc_normal_0.01", "zeros"],
            PositionalAttention) with { ChoiceModels = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("zeros", ["parec"]) },
        Choice("fixed_index", "slot index of fixed_linear's pattern (K20)", ["absolute", "relative"], ["fixed_linear"]),
        Real("fixed_lambda", "decay λ of fixed_exponential", 0, ["fixed_exponential"], minExclusive: true),
        // Added after the fixed-pattern jobs of Table 4 had trained: named only when true keeps their ids.
        Boolean("fixed_include_pad", "normalise a fixed pattern over all causal slots, padding included (equation 15 read literally)",
            FixedPatterns) with { NamedOnlyOffDefault = true },
        Choice("feature_map", "φ of linear attention (K19)", ["elu1", "relu"], ["linear_attention"]),
        Choice("token_mixing", "token-mixing MLP shape (K21)", ["mlp2", "single"], ["token_mixing"]),
        Choice("pka_apply", "how the positional kernel acts: on the logits, around them, or on the weights",
            ["sandwich", "logits_mul", "weights_mul"], ["pka"]),
        Choice("pka_upper", "parameterisation of the upper-triangular factor U", ["toeplitz", "full"], ["pka"]),
        Choice("pka_lower", "parameterisation of the lower-triangular factor L", ["toeplitz", "full"], ["pka"]),
        Boolean("pka_values", "the kernel's U also mixes the values, V ← Uᵀ V", ["pka"]),
        Boolean("pka_shared", "one kernel shared by all blocks instead of one per block", ["pka"]),
        Choice("awrsr_mode", "attention refinement variant (M_simp, M_value, M_add)", ["simp", "value", "add"], ["awrsr"]),
        Integer("awrsr_rank", "rank r of the maps into the correlation space", 1, ["awrsr"]),
        Real("awrsr_mix", "weight β of the refined weights in add: (1 − β) A + β Â", 0, ["awrsr"], max: 1)
            with { OnlyWith = new("awrsr_mode", ["add"]) },
        Integer("noop_sleep_ms", "how long a noop job pretends to train", 0, ["noop"]),
        Choice("noop_outcome", "how a noop job ends, to exercise retries and dead letters",
            ["succeed", "transient_failure", "deterministic_failure", "out_of_memory_on_first_attempt"], ["noop"]),
    ];

    private static readonly FrozenDictionary<string, OptionDefinition> ByKey =
        All.ToFrozenDictionary(o => o.Key, StringComparer.Ordinal);

    public static IEnumerable<string> Keys => All.Select(o => o.Key);

    /// <summary>The options a job names only when it takes another value than the default.</summary>
    public static ImmutableArray<OptionDefinition> NamedOnlyOffDefault { get; } = [.. All.Where(o => o.NamedOnlyOffDefault)];

    public static OptionDefinition? Find(string key) => ByKey.GetValueOrDefault(key);

    private static OptionDefinition Integer(string key, string description, double min, ImmutableArray<string> models = default) =>
        new(key, OptionType.Integer, description, Normalize(models), [], Min: min);

    private static OptionDefinition Real(string key, string description, double min, ImmutableArray<string> models = default,
        bool minExclusive = false, double max = double.PositiveInfinity, bool maxExclusive = false) =>
        new(key, OptionType.Real, description, Normalize(models), [], min, minExclusive, max, maxExclusive);

    private static OptionDefinition Boolean(string key, string description, ImmutableArray<string> models = default) =>
        new(key, OptionType.Boolean, description, Normalize(models), []);

    private static OptionDefinition Choice(string key, string description, ImmutableArray<string> choices,
        ImmutableArray<string> models = default) =>
        new(key, OptionType.Choice, description, Normalize(models), choices);

    private static ImmutableArray<string> Normalize(ImmutableArray<string> models) => models.IsDefault ? [] : models;
}
