using System.Globalization;

namespace Sweeps.Coordinator.Reports;

/// <summary>The FPARec paper's reported numbers, read from <c>paper-fparec.csv</c> (embedded), where
/// each row names the table it comes from.</summary>
public sealed class PaperReference
{
    private readonly Dictionary<(int Table, string Dataset, string Metric, string Model, string Config), double> _values;

    private PaperReference(IEnumerable<PaperValue> values) =>
        _values = values.ToDictionary(v => (v.Table, v.Dataset, v.Metric, v.Model, v.Config), v => v.Value);

    public static PaperReference FparecPaper { get; } = new(ReadEmbedded());

    public IEnumerable<PaperValue> Values => _values.Select(kv =>
        new PaperValue(kv.Key.Table, kv.Key.Dataset, kv.Key.Metric, kv.Key.Model, kv.Key.Config, kv.Value));

    public double? Find(int table, string dataset, string metric, string model, string config) =>
        _values.TryGetValue((table, dataset, metric, model, config), out var value) ? value : null;

    private static IEnumerable<PaperValue> ReadEmbedded()
    {
        using var stream = typeof(PaperReference).Assembly.GetManifestResourceStream("Sweeps.Coordinator.Reports.paper-fparec.csv")
                           ?? throw new InvalidOperationException("paper-fparec.csv is not embedded in the build");
        using var reader = new StreamReader(stream);
        var values = new List<PaperValue>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (header) { header = false; continue; }
            var f = line.Split(',');
            values.Add(new PaperValue(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3], f[4],
                double.Parse(f[5], CultureInfo.InvariantCulture)));
        }
        return values;
    }
}

/// <summary>One reported number: table, dataset (this project's name for it), metric or statistic,
/// model (empty for Table 2), config (e.g. <c>k=40</c> for Table 5), value as printed.</summary>
public sealed record PaperValue(int Table, string Dataset, string Metric, string Model, string Config, double Value);
