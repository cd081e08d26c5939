using Sweeps.Recsys.Models;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>Trainable parameters equal the formulas of docs/models.md (Parameter counts; biases included).</summary>
[Collection(TorchCollection.Name)]
public sealed class ParameterCountTests
{
    public static TheoryData<string, string> EveryLayout()
    {
        var cases = new TheoryData<string, string>();
        foreach (var model in TinyModels.Ids)
        {
            cases.Add(model, "per_block");
            cases.Add(model, "after_blocks");
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(EveryLayout))]
    public void Matches_the_documented_formula(string model, string ffnPlacement)
    {
        // f ≠ d and k ≠ n so that a formula mixing them up fails.
        var options = TinyModels.Options(model, maxLen: 10) with { FfnInner = 24, K = 3, FfnPlacement = ffnPlacement };
        using var recommender = ModelFactory.Create(options);
        Assert.Equal(Documented(options), recommender.parameter_count());
    }

    public static TheoryData<string> Variants() => PositionVariants.Names();

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_variant_matches_the_documented_formula(string variant)
    {
        // Two heads, so that d_h ≠ d shows in the relative tables.
        var options = PositionVariants.Options(variant, maxLen: 10) with { FfnInner = 24, Heads = 2 };
        using var recommender = ModelFactory.Create(options);
        Assert.Equal(Documented(options), recommender.parameter_count());
    }

    [Theory]
    [InlineData("fparec", 500, 40, "after_blocks", 286_450)]
    [InlineData("parec", 200, 20, "after_blocks", 271_450)]
    [InlineData("sasrec", 200, 20, "per_block", 206_850)]
    public void Matches_the_worked_movielens_examples(string model, int maxLen, int k, string ffnPlacement, long expected)
    {
        var options = new ModelOptions { Model = model, Items = 3416, MaxLen = maxLen, K = k, FfnPlacement = ffnPlacement };
        using var recommender = ModelFactory.Create(options);
        Assert.Equal(expected, recommender.parameter_count());
        Assert.Equal(expected, Documented(options));
    }

    /// <summary>docs/models.md, Parameter counts: item table (V+1)d, input encoding, final LN 2d; per
    /// block LN 2d + mixer [+ W_O d² + d] [+ LN 2d + FFN]; after the blocks LN 2d + FFN once; a shared
    /// pka kernel once.</summary>
    private static long Documented(ModelOptions o)
    {
        long d = o.Hidden, f = o.FfnInner, n = o.MaxLen, k = o.K, dh = o.HeadDim, r = o.AwrsrRank;
        var ffn = 2 * d * f + f + d;
        long Factor(string kind) => kind == "toeplitz" ? n : n * n;
        var kernel = Factor(o.PkaUpper) + Factor(o.PkaLower);
        var mixer = o.Model switch
        {
            "sasrec" when o.PositionalEncoding == "rmha4" => 3 * (d * d + d) + 2 * 9 * dh,
            "sasrec" or "linear_attention" => 3 * (d * d + d),
            "parec" => o.Heads * n * n + d * d + d,
            "fparec" => o.Heads * 2 * n * k + d * d + d,
            "token_mixing" => 2 * n * n + 2 * n,
            "pka" => 3 * (d * d + d) + (o.PkaShared ? 0 : kernel),
            "awrsr" => 3 * (d * d + d) + 2 * n * r,
            _ when o.Model.StartsWith("fixed_", StringComparison.Ordinal) => d * d + d,
            _ => throw new ArgumentException($"no documented count for {o.Model}"),
        };
        if (o.HasOutputProjection && o.Model != "token_mixing") mixer += d * d + d;
        var perBlock = o.FfnPlacement == "per_block";
        var block = 2 * d + mixer + (perBlock ? 2 * d + ffn : 0);
        var encoding = o.PositionalEncoding switch
        {
            "learned" or "rotatory" => n * d,
            "abs_sinusoidal_concat" => 2 * d * d + d,
            "learned_concat" or "rotatory_concat" => n * d + 2 * d * d + d,
            _ => 0,
        };
        var sharedKernel = o.Model == "pka" && o.PkaShared ? kernel : 0;
        return (o.Items + 1) * d + encoding + sharedKernel + o.Blocks * block + (perBlock ? 0 : 2 * d + ffn) + 2 * d;
    }
}
