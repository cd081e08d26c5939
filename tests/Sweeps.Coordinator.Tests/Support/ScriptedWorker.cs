using Sweeps.Contracts.Sweeps;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;

namespace Sweeps.Coordinator.Tests.Support;

/// <summary>A stand-in worker leasing from the coordinator that answers each attempt as a script
/// says, so the coordinator is tested without the worker project. Counts how often each job was
/// handed out.</summary>
internal sealed class ScriptedWorker(SweepCoordinator coordinator, Func<JobMessage, FailureKind?> script, string holder = "scripted-silo")
{
    public ConcurrentDictionary<string, int> Deliveries { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                foreach (var m in await coordinator.LeaseAsync(holder, "scripted", DeviceKind.Any, 4, TimeSpan.FromMilliseconds(200), stopping))
                {
                    Deliveries.AddOrUpdate(m.Job.Id, 1, (_, n) => n + 1);
                    var now = DateTimeOffset.UtcNow;
                    if (!await coordinator.ReportAsync(holder, new JobStarted(m.Job.Id, m.AttemptToken, "scripted", now, now), stopping)) continue;
                    JobEvent outcome = script(m) is { } kind
                        ? new JobFailed(m.Job.Id, m.AttemptToken, "scripted", now, kind, "scripted " + kind)
                        : new JobSucceeded(m.Job.Id, m.AttemptToken, "scripted", now, Result(m.Job), new AttemptTiming(now, now, now));
                    await coordinator.ReportAsync(holder, outcome, stopping);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    public static RunResult Result(JobSpec job, double valid = 0.3, double test = 0.2) =>
        new(job.Id, 3, Metrics(valid), Metrics(test), 1234, 1.5, "cpu",
            [new EpochRecord(1, 0.9, 0.5, null, null), new EpochRecord(2, 0.7, 0.5, Metrics(valid), null)],
            new RunManifest("abc123", job.DatasetHash, job.ToCanonicalJson(), job.Seed, "cpu", "1.13.1"));

    public static MetricSet Metrics(double ndcg) => new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        [KeyValuePair.Create("ndcg@10", ndcg), KeyValuePair.Create("hr@10", ndcg * 2)]));
}
