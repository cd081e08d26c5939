using Sweeps.Contracts.Catalog;

namespace Sweeps.Coordinator.Reports;

/// <summary>Models as the paper names and orders them. Models the paper does not have keep their id and
/// follow in the catalogue's order.</summary>
public static class PaperModels
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["sasrec"] = "SASRec",
        ["linear_attention"] = "Linear Attention",
        ["token_mixing"] = "Token Mixing",
        ["parec"] = "PARec",
        ["fparec"] = "FPARec",
        ["fixed_average"] = "+Average",
        ["fixed_linear"] = "+Linear Annealing",
        ["fixed_exponential"] = "+Exponential Annealing",
    };

    /// <summary>Table 3's column order, then the fixed patterns, then everything else.</summary>
    private static readonly string[] ComparisonOrder =
        ["sasrec", "linear_attention", "token_mixing", "parec", "fparec", "fixed_average", "fixed_linear", "fixed_exponential"];

    /// <summary>Table 4's row order: the learned models first, then the fixed patterns.</summary>
    private static readonly string[] AblationOrder =
        ["fparec", "parec", "sasrec", "fixed_average", "fixed_linear", "fixed_exponential"];

    /// <summary>The paper's proposals: everything else in a row is a baseline they are tested against.</summary>
    public static bool IsProposal(string model) => model is "parec" or "fparec" or "fparec_ref";

    /// <summary>Table 4's fixed attention patterns, which the learned positional attention is tested against.</summary>
    public static bool IsFixedPattern(string model) => model.StartsWith("fixed_", StringComparison.Ordinal);

    public static string Name(string model) => Names.GetValueOrDefault(model, model);

    public static int ComparisonRank(string model) => Rank(ComparisonOrder, model);

    public static int AblationRank(string model) => Rank(AblationOrder, model);

    private static int Rank(string[] order, string model)
    {
        var index = Array.IndexOf(order, model);
        if (index >= 0) return index;
        var catalogue = ModelCatalog.All.Select(m => m.Id).ToList().IndexOf(model);
        return order.Length + (catalogue >= 0 ? catalogue : ModelCatalog.All.Length);
    }
}
