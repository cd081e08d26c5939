using System.Collections.Immutable;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>Names a line by its model and the options that vary within a model across the sweep, so
/// two lines of one model (two k values, say) never share a label.</summary>
internal sealed class SeriesLabels
{
    private readonly ImmutableArray<string> _varying;

    public SeriesLabels(IEnumerable<JobSpec> specs)
    {
        var values = new Dictionary<(string Model, string Key), HashSet<HyperValue>>();
        foreach (var spec in specs)
            foreach (var (key, value) in ModelDefaults.Complete(spec))
                (values.TryGetValue((spec.Model, key), out var set) ? set : values[(spec.Model, key)] = []).Add(value);
        // Only what varies within a model tells its lines apart; an option a model fixes (a preset's
        // loss, a model-specific default) is already said by the model's name.
        _varying = [.. values.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key.Key).Distinct().Order(StringComparer.Ordinal)];
    }

    public bool Varies(string key) => _varying.Contains(key);

    public string Of(JobSpec spec, string? except = null)
    {
        var parameters = ModelDefaults.Complete(spec);
        var parts = _varying.Where(k => k != except && parameters.ContainsKey(k)).Select(k => $"{k}={parameters[k]}");
        return string.Join(" ", [spec.Model, .. parts]);
    }
}
