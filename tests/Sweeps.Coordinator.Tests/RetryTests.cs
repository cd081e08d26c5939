using Sweeps.Contracts.Failures;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class RetryTests
{
    [Fact]
    public async Task Transient_failures_are_retried_up_to_the_limit_then_dead_lettered()
    {
        await using var harness = new CoordinatorHarness(_ => FailureKind.Transient, maxAttempts: 3);
        await harness.StartAsync();
        var job = Jobs.Make(seed: 7);
        await harness.RunAsync(Jobs.Sweep("flaky", [job]));

        var view = Assert.Single(await harness.Store.ListJobsAsync("flaky"));
        Assert.Equal(JobState.DeadLettered, view.State);
        Assert.Equal(3, view.Attempts);
        Assert.Equal(3, harness.Worker.Deliveries[job.Id]);
        Assert.StartsWith("Transient", view.LastError);
    }

    [Fact]
    public async Task Deterministic_failures_are_not_retried()
    {
        await using var harness = new CoordinatorHarness(_ => FailureKind.Deterministic);
        await harness.StartAsync();
        var job = Jobs.Make(seed: 8);
        await harness.RunAsync(Jobs.Sweep("broken", [job]));

        var view = Assert.Single(await harness.Store.ListJobsAsync("broken"));
        Assert.Equal(JobState.DeadLettered, view.State);
        Assert.Equal(1, view.Attempts);
        Assert.Equal(1, harness.Worker.Deliveries[job.Id]);
    }

    [Fact]
    public async Task A_job_that_recovers_within_the_limit_succeeds()
    {
        await using var harness = new CoordinatorHarness(m => m.Attempt < 3 ? FailureKind.Transient : null);
        await harness.StartAsync();
        var job = Jobs.Make(seed: 9);
        await harness.RunAsync(Jobs.Sweep("recovers", [job]));

        var view = Assert.Single(await harness.Store.ListJobsAsync("recovers"));
        Assert.Equal(JobState.Succeeded, view.State);
        Assert.Equal(3, view.Attempts);
        Assert.NotNull((await harness.Store.FindJobAsync(job.Id))!.Result);
        Assert.Equal(2, await harness.Store.CountEpochsAsync(job.Id));
    }

    [Fact]
    public async Task An_out_of_memory_failure_is_retried_and_recorded_as_such()
    {
        await using var harness = new CoordinatorHarness(m => m.Attempt == 1 ? FailureKind.OutOfMemory : null);
        await harness.StartAsync();
        var job = Jobs.Make(seed: 10);
        await harness.RunAsync(Jobs.Sweep("oom", [job]));

        var view = Assert.Single(await harness.Store.ListJobsAsync("oom"));
        Assert.Equal((JobState.Succeeded, 2), (view.State, view.Attempts));
        var log = (await harness.Store.LoadJobLogAsync(job.Id))!;
        Assert.StartsWith("OutOfMemory", log.Attempts.Single(a => a.Number == 1).Error);
    }

    [Fact]
    public async Task A_dead_lettered_job_completes_after_retry_once_its_cause_is_fixed()
    {
        var fixedNow = false;
        await using var harness = new CoordinatorHarness(_ => Volatile.Read(ref fixedNow) ? null : FailureKind.Deterministic);
        await harness.StartAsync();
        var job = Jobs.Make(seed: 11);
        await harness.RunAsync(Jobs.Sweep("fixable", [job]));
        Assert.Equal(JobState.DeadLettered, Assert.Single(await harness.Store.ListJobsAsync("fixable")).State);

        Volatile.Write(ref fixedNow, true);
        var reset = await harness.Store.RetryJobsAsync("fixable", failed: false, deadLettered: true);
        Assert.Equal([job.Id], reset);
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await harness.Coordinator.WaitForSweepAsync("fixable", limit.Token);

        var view = Assert.Single(await harness.Store.ListJobsAsync("fixable"));
        Assert.Equal((JobState.Succeeded, 1), (view.State, view.Attempts));
        var attempts = (await harness.Store.LoadJobLogAsync(job.Id))!.Attempts;
        Assert.Equal(["failed", "succeeded"], attempts.Select(a => a.Outcome));
    }
}
