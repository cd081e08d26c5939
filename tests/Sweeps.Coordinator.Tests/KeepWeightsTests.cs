using System.Collections.Concurrent;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

/// <summary>A sweep's <c>keep: [weights]</c> reaches the worker with each of its jobs' messages.</summary>
public sealed class KeepWeightsTests
{
    [Fact]
    public async Task Only_jobs_of_a_sweep_that_keeps_weights_are_sent_asking_for_them()
    {
        var asked = new ConcurrentDictionary<int, bool>();
        await using var harness = new CoordinatorHarness(message =>
        {
            asked[message.Job.Seed] = message.KeepWeights;
            return null;
        });
        await harness.StartAsync();

        await harness.RunAsync(Jobs.Sweep("plain", [Jobs.Make(seed: 1)]));
        await harness.RunAsync(Jobs.Sweep("kept", [Jobs.Make(seed: 2)]) with { KeepWeights = true });

        Assert.False(asked[1]);
        Assert.True(asked[2]);
    }
}
