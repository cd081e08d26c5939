using System.Diagnostics;
using System.Globalization;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands.Bench;

/// <summary>The sweep the cluster benchmarks run on a <see cref="LocalCluster"/>: noop jobs of two
/// epochs, submitted over the coordinator's HTTP API, followed in its store (read-only).</summary>
public static class NoopSweep
{
    public const string Name = "bench";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static string Yaml(int jobs, int sleepMs) => string.Create(CultureInfo.InvariantCulture, $"""
        name: {Name}
        datasets: [{LocalCluster.Dataset}]
        models: [noop]
        seeds: [{string.Join(", ", Enumerable.Range(1, jobs))}]
        fixed:
          epochs: 2
          noop_sleep_ms: {sleepMs}
        """);

    public static async Task SubmitAsync(LocalCluster cluster, int jobs, int sleepMs, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = cluster.Api };
        using var response = await http.PostAsync("/api/sweeps", new StringContent(Yaml(jobs, sleepMs)), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"the coordinator refused the benchmark sweep: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
    }

    /// <summary>Waits until every job succeeded or <paramref name="limit"/> passed, calling
    /// <paramref name="meanwhile"/> with the count so far between looks.</summary>
    /// <returns>How many succeeded.</returns>
    public static async Task<int> WaitAsync(LocalCluster cluster, int jobs, Stopwatch clock, TimeSpan limit, Func<int, Task> meanwhile, CancellationToken cancellationToken)
    {
        var succeeded = 0;
        while (succeeded < jobs && clock.Elapsed < limit)
        {
            await meanwhile(succeeded).ConfigureAwait(false);
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            await using var store = SweepStore.OpenReadOnly(cluster.StorePath);
            succeeded = (await store.GetSweepAsync(Name, cancellationToken).ConfigureAwait(false))?.Count(JobState.Succeeded) ?? 0;
        }
        return succeeded;
    }
}
