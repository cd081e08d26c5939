using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

/// <summary>Workers receive the jobs of a sweep in its file's order, however many the dispatcher
/// offers at once.</summary>
public sealed class DispatchOrderTests
{
    [Fact]
    public async Task A_window_of_offers_reaches_the_workers_in_the_sweep_files_order()
    {
        await using var temp = new TempStore();
        const int window = 64;
        await using var coordinator = new SweepCoordinator(temp.Store,
            new CoordinatorOptions(window, new RetryOptions(3, TimeSpan.FromMilliseconds(5)), TimeProvider.System, Leases: LeaseOptions.OneProcess));
        var jobs = Jobs.Grid("sasrec", [.. Enumerable.Range(1, window / 4)], [1, 2, 3, 4]);
        await coordinator.SubmitAsync(Jobs.Sweep("ordered", jobs));
        await coordinator.StartAsync();

        var leased = new List<string>();
        while (leased.Count < window)
            leased.AddRange((await coordinator.LeaseAsync("w", "w-slot", DeviceKind.Any, window - leased.Count, TimeSpan.FromSeconds(10), CancellationToken.None)).Select(m => m.Job.Id));

        Assert.Equal(jobs.Select(j => j.Id), leased);
    }
}
