using Sweeps.Coordinator.Reports.Figures;
using Sweeps.Recsys.Inspection;
using Sweeps.Recsys.Models;

namespace Sweeps.Cli.Commands.Figures;

/// <summary>What a pka model learned, drawn as it acts (docs/models.md, pka), unscaled so that the
/// neutral start (an identity factor, a product of ones) reads as such. A product form draws C = U L
/// (|C| for <c>weights_mul</c>) on the allowed pairs, since its factors are not identifiable apart; the
/// sandwich draws L and U, which act on their own (up to a scale they share), and so does U when it
/// also mixes the values. A Toeplitz factor is one value per offset, drawn as a line; a full one as
/// its matrix.</summary>
internal static class KernelFigures
{
    public static IEnumerable<Figure> Of(SequentialRecommender model, string prefix, string dataset)
    {
        var options = model.Options;
        var sandwich = options.PkaApply == "sandwich";
        var title = $"{dataset} {options.Model} {options.PkaApply}, U {options.PkaUpper}, L {options.PkaLower}{(options.PkaShared ? ", shared" : "")}";
        var figures = new List<Figure>();
        var byOffset = new List<LineSeries>();
        foreach (var kernel in PositionalKernels.Of(model))
        {
            var part = kernel.Layer is { } layer ? $"layer{layer}" : "shared";
            var where = kernel.Layer is { } l ? $"layer {l}" : "all layers";
            if (kernel.Modulation is { } modulation)
                figures.Add(new HeatmapFigure($"kernel-{prefix}-{part}", $"{title}: {(options.PkaApply == "weights_mul" ? "|C|" : "C")}, {where}", modulation));
            if (sandwich)
                Factor("L", "lower", kernel.Lower, kernel.LowerByOffset, options.PkaLower, "query slot i", "source query slot a");
            if (sandwich || options.PkaValues)
                Factor("U", "upper", kernel.Upper, kernel.UpperByOffset, options.PkaUpper, "source key slot b", "key slot j");

            void Factor(string symbol, string name, double[,] matrix, Func<double[]> values, string form, string rows, string columns)
            {
                if (form == "toeplitz")
                    byOffset.Add(new LineSeries($"{symbol}, {where}", [.. values().Select((v, offset) => new SpreadPoint(offset, v, v, v))]));
                else
                    figures.Add(new HeatmapFigure($"kernel-{prefix}-{part}-{name}", $"{title}: {symbol}, {where}", matrix, rows, columns));
            }
        }
        if (byOffset.Count > 0)
            figures.Insert(0, new LineFigure($"kernel-offsets-{prefix}", $"{title}: by offset", "offset δ (slots back)", "weight", byOffset));
        return figures;
    }
}
