using System.Collections.Concurrent;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Live;

/// <summary>What is running right now, from the event stream: kept in memory because it changes every
/// epoch and only a live view needs it; the store keeps throttled heartbeats.</summary>
public sealed class LiveBoard
{
    private readonly ConcurrentDictionary<string, RunningJob> _running = new(StringComparer.Ordinal);
    private long _finished;

    public IReadOnlyCollection<RunningJob> Running => _running.Values.ToList();

    /// <summary>Jobs finished (any outcome) since this coordinator started: the rate an ETA needs.</summary>
    public long FinishedSinceStart => Interlocked.Read(ref _finished);

    public void Started(JobStarted started) =>
        _running[started.JobId] = new RunningJob(started.JobId, started.WorkerId, started.At, null, started.At);

    /// <returns>Whether the store's heartbeat is due (the job's first report, or none persisted for <paramref name="persistEvery"/>).</returns>
    public bool Progressed(JobProgressed progressed, TimeSpan persistEvery)
    {
        var due = false;
        _running.AddOrUpdate(progressed.JobId,
            _ => new RunningJob(progressed.JobId, progressed.WorkerId, progressed.At, progressed.Progress, progressed.At),
            (_, job) =>
            {
                // The first report is stored at once, so `status` from another process shows an epoch soon.
                due = job.Progress is null || progressed.At - job.PersistedAt >= persistEvery;
                return job with { Progress = progressed.Progress, PersistedAt = due ? progressed.At : job.PersistedAt };
            });
        return due;
    }

    public void Finished(string jobId)
    {
        _running.TryRemove(jobId, out _);
        Interlocked.Increment(ref _finished);
    }

    public void Forget(string jobId) => _running.TryRemove(jobId, out _);
}

public sealed record RunningJob(string JobId, string WorkerId, DateTimeOffset StartedAt, JobProgress? Progress, DateTimeOffset PersistedAt);
