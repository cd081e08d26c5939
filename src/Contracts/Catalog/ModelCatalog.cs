using System.Collections.Frozen;
using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Catalog;

/// <summary>The models a sweep may name, each with a card in docs/models.md, and the built-in
/// <c>noop</c> model. Every model listed here is implemented.</summary>
public static class ModelCatalog
{
    public static ImmutableArray<ModelDefinition> All { get; } =
    [
        Model("sasrec", "scaled dot-product attention, shared backbone with CE"),
        Preset("sasrec_author", "sasrec", "SASRec as in the author code: BCE with one negative (K17)",
            ("loss", "bce_1neg"), ("ffn_placement", "per_block")),
        Model("linear_attention", "linearised attention, Katharopoulos 2020"),
        Model("token_mixing", "causal MLP-Mixer token mixing"),
        Model("parec", "learned positional attention matrix"),
        Model("fparec", "factorised positional attention R1 R2ᵀ"),
        Preset("fparec_ref", "fparec", "exact replica of the released FPARec forward (reference layout)",
            ("ffn_placement", "after_blocks"), ("padding", "ref_padding"), ("ce_include_pad", true)),
        Model("fixed_average", "fixed uniform causal pattern"),
        Model("fixed_linear", "fixed pattern growing with the slot index"),
        Model("fixed_exponential", "fixed exponentially decaying pattern"),
        // The kernel is the positional signal, so no additive table unless a sweep asks for one.
        Preset("pka", "pka", "positional kernel attention: a learned triangular kernel on sasrec's scores (interpretation)",
            ("pe", "none")),
        Model("awrsr", "attention-weight refinement: attention among sasrec's attention rows (interpretation)"),
        Model("noop", "trains nothing; exercises the orchestrator in tests and benchmarks"),
    ];

    private static readonly FrozenDictionary<string, ModelDefinition> ById =
        All.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);

    public static IEnumerable<string> Ids => All.Select(m => m.Id);

    public static ModelDefinition? Find(string id) => ById.GetValueOrDefault(id);

    private static ModelDefinition Model(string id, string description) =>
        new(id, id, description, ImmutableSortedDictionary<string, HyperValue>.Empty);

    private static ModelDefinition Preset(string id, string baseModel, string description,
        params (string Key, HyperValue Value)[] values) =>
        new(id, baseModel, description,
            values.ToImmutableSortedDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
}
