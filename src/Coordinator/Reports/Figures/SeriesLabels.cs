using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>Names a line by its model and the options that vary across the sweep, so two lines of one
/// model (two k values, say) never share a label.</summary>
internal sealed class SeriesLabels
{
    private readonly ImmutableArray<string> _varying;

    public SeriesLabels(IEnumerable<JobSpec> specs)
    {
        var values = new Dictionary<string, HashSet<HyperValue>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var spec in specs)
        {
            count++;
            foreach (var (key, value) in spec.Parameters)
                (values.TryGetValue(key, out var set) ? set : values[key] = []).Add(value);
        }
        // A key some jobs lack (a model-specific option) varies as well as one with two values.
        _varying = [.. values.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
    }

    public bool Varies(string key) => _varying.Contains(key);

    public string Of(JobSpec spec, string? except = null)
    {
        var parts = _varying.Where(k => k != except && spec.Get(k) is not null).Select(k => $"{k}={spec.Get(k)}");
        return string.Join(" ", [spec.Model, .. parts]);
    }
}
