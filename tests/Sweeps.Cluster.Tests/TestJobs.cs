using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Cluster.Tests;

/// <summary>Noop jobs that sleep through their epochs, so a test can act while one is running.</summary>
internal static class TestJobs
{
    public static JobSpec Sleeping(int seed, int sleepMs, int epochs = 4) =>
        new("toy", "hash-toy", "noop", ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        [
            KeyValuePair.Create("epochs", HyperValue.Of((long)epochs)),
            KeyValuePair.Create("noop_sleep_ms", HyperValue.Of((long)sleepMs)),
        ]), seed);

    public static SweepSubmission Sweep(string name, IEnumerable<JobSpec> jobs) => new(name, $"name: {name}", [], jobs);
}
