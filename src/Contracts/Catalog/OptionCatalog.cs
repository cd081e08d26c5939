using System.Collections.Immutable;
using System.Collections.Frozen;

namespace Sweeps.Contracts.Catalog;

/// <summary>Every option a sweep may set: MODELS.md §2.9 plus the training and size hyperparameters.
/// Default values live in <see cref="ModelDefaults"/>.</summary>
public static class OptionCatalog
{
    private static readonly ImmutableArray<string> PositionalAttention = ["parec", "fparec", "fparec_ref"];

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
        Choice("block_style", "residual layout of a block (MODELS.md §2.3)", ["sasrec_ref", "prenorm"]),
        Choice("ffn_placement", "FFN in every block or once after them (K1)", ["per_block", "after_blocks"]),
        Choice("value_from", "input of the value projection (K3)", ["raw", "normalized"]),
        Boolean("out_proj", "output projection W_O after the mixer (K3)"),
        Choice("pe", "positional encoding of the input (§2.2, §3.8)",
            ["learned", "none", "abs_sinusoidal", "rotatory", "abs_sinusoidal_concat", "learned_concat",
             "rotatory_concat", "rmha4", "rope"]),
        Choice("padding", "padding hygiene (K7)", ["strict", "ref_padding"]),
        Boolean("ce_include_pad", "padding class inside the softmax (K8)"),
        Choice("loss", "training loss (§2.4, K17)", ["ce_full", "bce_1neg"]),
        Choice("sampler", "how users are drawn into batches (K12)", ["with_replacement", "permutation"]),
        new("eval_users", OptionType.IntegerOrChoice, "evaluated users: all, or a seeded sample of that size (K15)",
            [], ["all"], Min: 1),
        Boolean("exclude_history", "remove history items from the ranking (K16)"),
        Choice("select", "which evaluation point is reported (K14)", ["best_valid_ndcg10", "last"]),
        Choice("pa_init", "initialisation of the positional attention (K9)", ["trunc_normal_0.01", "zeros"],
            PositionalAttention),
        Choice("fixed_index", "slot index of the fixed patterns (K20)", ["absolute", "relative"], ["fixed_*"]),
        Real("fixed_lambda", "decay λ of fixed_exponential", 0, ["fixed_exponential"], minExclusive: true),
        Choice("feature_map", "φ of linear attention (K19)", ["elu1", "relu"], ["linear_attention"]),
        Choice("token_mixing", "token-mixing MLP shape (K21)", ["mlp2", "single"], ["token_mixing"]),
        Choice("pka_apply", "where the PKA kernel acts (§3.9)", ["logits_mul", "sandwich"], ["pka_*"]),
        Boolean("pka_values", "PKA also mixes the values (§3.9)", ["pka_*"]),
        Boolean("pka_shared", "one PKA kernel shared by all blocks (§3.9)", ["pka_*"]),
        Choice("awrsr_mode", "attention refinement variant (§3.10)", ["sim", "value", "add"], ["awrsr_*"]),
        Integer("awrsr_rank", "rank r of the refinement maps (§3.10)", 1, ["awrsr_*"]),
        Integer("noop_sleep_ms", "how long a noop job pretends to train", 0, ["noop"]),
        Choice("noop_outcome", "how a noop job ends, to exercise retries and dead letters",
            ["succeed", "transient_failure", "deterministic_failure"], ["noop"]),
    ];

    private static readonly FrozenDictionary<string, OptionDefinition> ByKey =
        All.ToFrozenDictionary(o => o.Key, StringComparer.Ordinal);

    public static IEnumerable<string> Keys => All.Select(o => o.Key);

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
