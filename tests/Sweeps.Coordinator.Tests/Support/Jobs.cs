using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator.Tests.Support;

/// <summary>Fixture jobs built in code: a small grid of noop-like jobs.</summary>
internal static class Jobs
{
    public static JobSpec Make(string model = "noop", string dataset = "toy", int seed = 1, params (string Key, HyperValue Value)[] parameters) =>
        new(dataset, "hash-" + dataset, model,
            parameters.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), seed);

    /// <summary>maxlen × seeds for one model on one dataset.</summary>
    public static IReadOnlyList<JobSpec> Grid(string model, int[] maxlens, int[] seeds, string dataset = "toy") =>
        [.. from maxlen in maxlens from seed in seeds select Make(model, dataset, seed, ("maxlen", maxlen))];

    public static SweepSubmission Sweep(string name, IEnumerable<JobSpec> jobs, params string[] tuned) =>
        new(name, $"name: {name}", tuned, jobs);
}
