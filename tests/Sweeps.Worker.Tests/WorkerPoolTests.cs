using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Queue.InProcess;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Slots;

namespace Sweeps.Worker.Tests;

public sealed class WorkerPoolTests
{
    [Fact]
    public async Task Runs_jobs_and_reports_start_progress_and_outcome()
    {
        await using var transport = new InProcessTransport();
        var root = Directory.CreateTempSubdirectory().FullName;
        var pool = new WorkerPool(transport, ExecutorRegistry.WithBuiltIns(), WorkerOptions.Local(2, root));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = pool.RunAsync(stop.Token);
        var good = NoopExecutorTests.Job(1, ("epochs", 2), ("noop_sleep_ms", 20));
        var bad = NoopExecutorTests.Job(2, ("noop_outcome", "deterministic_failure"));

        await transport.Jobs.PublishAsync(new JobMessage(good, "t1", 1, DateTimeOffset.UtcNow), stop.Token);
        await transport.Jobs.PublishAsync(new JobMessage(bad, "t2", 1, DateTimeOffset.UtcNow), stop.Token);
        var events = new List<JobEvent>();
        await foreach (var e in transport.Events.ReadAllAsync(stop.Token))
        {
            events.Add(e);
            if (events.Count(x => x is JobSucceeded or JobFailed) == 2) break;
        }
        await stop.CancelAsync();
        await running;

        Assert.Equal(2, events.OfType<JobStarted>().Count());
        var succeeded = Assert.Single(events.OfType<JobSucceeded>());
        Assert.Equal((good.Id, "t1"), (succeeded.JobId, succeeded.AttemptToken));
        Assert.True(succeeded.Timing.ExecutorStartedAt >= succeeded.Timing.ReceivedAt);
        Assert.Contains(events.OfType<JobProgressed>(), p => p.JobId == good.Id && p.Progress.Epoch >= 1);
        var failed = Assert.Single(events.OfType<JobFailed>());
        Assert.Equal((bad.Id, FailureKind.Deterministic), (failed.JobId, failed.Kind));
        Assert.True(File.Exists(Path.Combine(root, good.Id, "noop-epoch.txt")));
    }

    [Fact]
    public async Task Stopping_reports_the_running_attempt_as_interrupted()
    {
        await using var transport = new InProcessTransport();
        var pool = new WorkerPool(transport, ExecutorRegistry.WithBuiltIns(), WorkerOptions.Local(1, Directory.CreateTempSubdirectory().FullName));
        using var stop = new CancellationTokenSource();
        var running = pool.RunAsync(stop.Token);
        var slow = NoopExecutorTests.Job(3, ("noop_sleep_ms", 60_000));
        await transport.Jobs.PublishAsync(new JobMessage(slow, "t", 1, DateTimeOffset.UtcNow), CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var e in transport.Events.ReadAllAsync(timeout.Token))
            if (e is JobStarted) break;
        await stop.CancelAsync();
        await running;

        await foreach (var e in transport.Events.ReadAllAsync(timeout.Token))
        {
            if (e is not JobFailed failed) continue;
            Assert.Equal(FailureKind.Interrupted, failed.Kind);
            return;
        }
    }
}
