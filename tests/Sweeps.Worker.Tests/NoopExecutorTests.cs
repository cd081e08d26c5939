using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Executors;

namespace Sweeps.Worker.Tests;

public sealed class NoopExecutorTests
{
    internal static JobSpec Job(int seed = 1, params (string Key, HyperValue Value)[] parameters) =>
        new("toy", "hash", "noop", parameters.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), seed);

    private static JobExecutionContext Context(string checkpoints, IProgress<JobProgress>? progress = null) =>
        new(checkpoints, progress ?? new Progress<JobProgress>(), 1, "test");

    [Fact]
    public async Task Metrics_are_a_function_of_the_job()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var executor = new NoopExecutor();
        var a = await executor.ExecuteAsync(Job(1, ("epochs", 3)), Context(Path.Combine(dir, "a")), CancellationToken.None);
        var again = await executor.ExecuteAsync(Job(1, ("epochs", 3)), Context(Path.Combine(dir, "b")), CancellationToken.None);
        var other = await executor.ExecuteAsync(Job(2, ("epochs", 3)), Context(Path.Combine(dir, "c")), CancellationToken.None);

        Assert.Equal(a.Test.Values, again.Test.Values);
        Assert.NotEqual(a.Test["ndcg@10"], other.Test["ndcg@10"]);
        Assert.InRange(a.Test["hr@10"], 0.1, 0.6);
        Assert.Equal(3, a.Curve.Length);
        Assert.Equal(Job(1, ("epochs", 3)).Id, a.JobId);
        Assert.Equal(Job(1, ("epochs", 3)).ToCanonicalJson(), a.Manifest.ResolvedConfigJson);
    }

    [Fact]
    public async Task Sleeping_jobs_report_progress_and_resume_from_their_checkpoint()
    {
        var checkpoints = Path.Combine(Directory.CreateTempSubdirectory().FullName, "job");
        var job = Job(1, ("epochs", 4), ("noop_sleep_ms", 400));
        var reports = new List<JobProgress>();
        using var stop = new CancellationTokenSource();
        var first = new SyncProgress(p => { reports.Add(p); if (p.Epoch == 2) stop.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new NoopExecutor().ExecuteAsync(job, Context(checkpoints, first), stop.Token));
        Assert.Equal([1, 2], reports.Select(r => r.Epoch));

        reports.Clear();
        var result = await new NoopExecutor().ExecuteAsync(job, Context(checkpoints, new SyncProgress(reports.Add)), CancellationToken.None);
        Assert.Equal([3, 4], reports.Select(r => r.Epoch));
        Assert.Equal(4, result.SelectedEpoch);
    }

    [Theory]
    [InlineData("transient_failure", FailureKind.Transient)]
    [InlineData("deterministic_failure", FailureKind.Deterministic)]
    public async Task Requested_failures_have_the_right_kind(string outcome, FailureKind kind)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            new NoopExecutor().ExecuteAsync(Job(1, ("noop_outcome", outcome)), Context(Path.GetTempPath()), CancellationToken.None));
        Assert.Equal(kind, FailureClassifier.Classify(error));
    }

    private sealed class SyncProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
