using Sweeps.Coordinator.Aggregation;

namespace Sweeps.Coordinator.Reports;

/// <summary>The config a table cell reports for one selection: the one chosen by validation, or while
/// none is complete, the best by validation among those with some seeds finished, shown as incomplete.
/// Test metrics never take part in the choice.</summary>
internal static class CellSource
{
    public static ConfigAggregate Reported(Selection selection, string selectionMetric) =>
        selection.Chosen
        ?? selection.Candidates.Where(c => c.ValidOf(selectionMetric) is not null)
            .OrderByDescending(c => c.ValidOf(selectionMetric)!.Median)
            .ThenBy(c => c.ConfigId, StringComparer.Ordinal)
            .FirstOrDefault()
        ?? selection.Candidates[0];

    /// <summary>The config's hyperparameters among <paramref name="keys"/>, as <c>k=20 maxlen=50</c>.</summary>
    public static string Describe(ConfigAggregate config, IEnumerable<string> keys) =>
        string.Join(" ", keys.Order(StringComparer.Ordinal)
            .Where(config.Parameters.ContainsKey)
            .Select(k => $"{k}={config.Parameters[k]}"));
}
