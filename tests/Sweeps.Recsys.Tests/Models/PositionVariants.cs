using Sweeps.Recsys.Models;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>The models and encodings of docs/models.md that reshape how attention sees position, each
/// as a named tiny configuration, and a way to move them off their neutral start.</summary>
internal static class PositionVariants
{
    public static readonly IReadOnlyDictionary<string, Func<ModelOptions, ModelOptions>> All =
        new Dictionary<string, Func<ModelOptions, ModelOptions>>
        {
            ["sasrec pe=none"] = o => o with { PositionalEncoding = "none" },
            ["sasrec pe=abs_sinusoidal"] = o => o with { PositionalEncoding = "abs_sinusoidal" },
            ["sasrec pe=abs_sinusoidal forward"] = o => o with { PositionalEncoding = "abs_sinusoidal", PeReverse = false },
            ["sasrec pe=rotatory"] = o => o with { PositionalEncoding = "rotatory" },
            ["sasrec pe=abs_sinusoidal_concat"] = o => o with { PositionalEncoding = "abs_sinusoidal_concat" },
            ["sasrec pe=learned_concat"] = o => o with { PositionalEncoding = "learned_concat" },
            ["sasrec pe=rotatory_concat"] = o => o with { PositionalEncoding = "rotatory_concat" },
            ["sasrec pe=rmha4"] = o => o with { PositionalEncoding = "rmha4" },
            ["sasrec pe=rmha4 plain"] = o => o with { PositionalEncoding = "rmha4", RmhaLeaky = false, RmhaOutProj = false },
            ["sasrec pe=rmha4 double softmax"] = o => o with { PositionalEncoding = "rmha4", RmhaDoubleSoftmax = true },
            ["sasrec pe=rope"] = o => o with { PositionalEncoding = "rope" },
            ["pka sandwich toeplitz-full"] = o => Pka(o, "sandwich", "toeplitz", "full"),
            ["pka sandwich toeplitz-toeplitz values"] = o => Pka(o, "sandwich", "toeplitz", "toeplitz") with { PkaValues = true },
            ["pka sandwich full-full shared"] = o => Pka(o, "sandwich", "full", "full") with { PkaShared = true },
            ["pka logits_mul toeplitz-full"] = o => Pka(o, "logits_mul", "toeplitz", "full"),
            ["pka logits_mul toeplitz-toeplitz"] = o => Pka(o, "logits_mul", "toeplitz", "toeplitz"),
            ["pka weights_mul full-toeplitz"] = o => Pka(o, "weights_mul", "full", "toeplitz"),
            ["pka weights_mul toeplitz-toeplitz values"] = o => Pka(o, "weights_mul", "toeplitz", "toeplitz") with { PkaValues = true },
            ["pka rope"] = o => Pka(o, "sandwich", "toeplitz", "full") with { PositionalEncoding = "rope" },
            ["awrsr simp"] = o => Awrsr(o, "simp"),
            ["awrsr value"] = o => Awrsr(o, "value"),
            ["awrsr add"] = o => Awrsr(o, "add") with { AwrsrMix = 0.3 },
        };

    /// <summary>Variants whose last-slot scores must not move when more left padding precedes the same
    /// history: nothing in them is tied to an absolute slot (offsets, relative buckets, Toeplitz
    /// kernels, or sinusoids counted back from the most recent slot).</summary>
    public static readonly string[] OffsetOnly =
    [
        "sasrec pe=abs_sinusoidal", "sasrec pe=abs_sinusoidal_concat", "sasrec pe=rmha4", "sasrec pe=rmha4 plain",
        "sasrec pe=rmha4 double softmax", "sasrec pe=rope", "pka sandwich toeplitz-toeplitz values",
        "pka logits_mul toeplitz-toeplitz", "pka weights_mul toeplitz-toeplitz values",
    ];

    public static TheoryData<string> Names(IEnumerable<string>? names = null) => new(names ?? All.Keys);

    public static ModelOptions Options(string variant, int maxLen = 10) =>
        All[variant](TinyModels.Options(variant.Split(' ')[0], maxLen));

    /// <summary>Adds noise to every parameter, so that kernels and refinement maps leave their neutral
    /// start and a test of them tests something.</summary>
    public static void Perturb(SequentialRecommender model, int seed = 7)
    {
        manual_seed(seed);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var parameter in model.parameters()) parameter.add_(randn(parameter.shape) * 0.3);
    }

    /// <summary>pka as the catalogue builds it: no additive table, the kernel is the positional signal.</summary>
    private static ModelOptions Pka(ModelOptions o, string apply, string upper, string lower) =>
        o with { PositionalEncoding = "none", PkaApply = apply, PkaUpper = upper, PkaLower = lower };

    private static ModelOptions Awrsr(ModelOptions o, string mode) => o with { AwrsrMode = mode, AwrsrRank = 5 };
}
