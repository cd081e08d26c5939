using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class DedupTests
{
    [Fact]
    public async Task The_same_job_in_two_sweeps_trains_once()
    {
        await using var harness = new CoordinatorHarness();
        await harness.StartAsync();
        var shared = Jobs.Grid("sasrec", [50], [1, 2, 3]);
        var onlyB = Jobs.Grid("fparec", [50], [1, 2, 3]);

        var a = await harness.RunAsync(Jobs.Sweep("a", shared));
        var b = await harness.RunAsync(Jobs.Sweep("b", [.. shared, .. onlyB]));

        Assert.Equal((3, 3), (a.Total, a.Added));
        Assert.Equal((6, 3, 3), (b.Total, b.Added, b.AlreadySucceeded));
        Assert.All(shared.Concat(onlyB), job => Assert.Equal(1, harness.Worker.Deliveries[job.Id]));
        Assert.All(await harness.Store.ListJobsAsync("b"), job => Assert.Equal(JobState.Succeeded, job.State));
    }

    [Fact]
    public async Task Resubmitting_an_edited_sweep_runs_only_new_jobs()
    {
        await using var harness = new CoordinatorHarness();
        await harness.StartAsync();
        var first = Jobs.Grid("sasrec", [50, 100], [1, 2]);
        await harness.RunAsync(Jobs.Sweep("edited", first));
        var second = Jobs.Grid("sasrec", [50, 200], [1, 2]);

        var outcome = await harness.RunAsync(Jobs.Sweep("edited", second));

        Assert.Equal((4, 2, 2), (outcome.Total, outcome.Added, outcome.AlreadySucceeded));
        Assert.Equal(6, harness.Worker.Deliveries.Count);
        Assert.All(harness.Worker.Deliveries.Values, n => Assert.Equal(1, n));
        // The sweep is now exactly its current jobs; the dropped ones keep their results in the store.
        var members = (await harness.Store.ListJobsAsync("edited")).Select(j => j.Id).ToHashSet();
        Assert.Equal(second.Select(j => j.Id).ToHashSet(), members);
        Assert.NotNull((await harness.Store.FindJobAsync(first.Last().Id))!.Result);
    }

    [Fact]
    public async Task Cancelling_a_sweep_spares_jobs_another_active_sweep_needs()
    {
        await using var temp = new TempStore();
        var shared = Jobs.Make(seed: 1);
        var own = Jobs.Make(seed: 2);
        await temp.Store.SubmitAsync(Jobs.Sweep("keep", [shared]));
        await temp.Store.SubmitAsync(Jobs.Sweep("drop", [shared, own]));

        var cancelled = await temp.Store.CancelSweepAsync("drop");

        Assert.Equal([own.Id], cancelled!.Cancelled);
        Assert.Equal(shared.Id, Assert.Single(cancelled.Kept).JobId);
        var states = (await temp.Store.ListJobsAsync("drop")).ToDictionary(j => j.Id, j => j.State);
        Assert.Equal(JobState.Pending, states[shared.Id]);
        Assert.Equal(JobState.Cancelled, states[own.Id]);
        Assert.Null(await temp.Store.CancelSweepAsync("no-such-sweep"));
    }
}
