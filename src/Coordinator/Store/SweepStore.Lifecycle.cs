using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store.Ownership;
using Sweeps.Coordinator.Store.Rows;

namespace Sweeps.Coordinator.Store;

/// <summary>The state changes of a job's attempts: dispatch, start, heartbeat, result, failure.</summary>
public sealed partial class SweepStore
{
    /// <summary>Puts back to Pending the attempts whose owner is gone: dispatched by an earlier process
    /// that held the store (their messages died with it). They resume from their checkpoint directory;
    /// the interruption does not count against their attempt limit. Attempts this store's own owner
    /// dispatched are left alone.</summary>
    public Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken = default) =>
        WithContextAsync(async db =>
        {
            var owner = OwnerId;
            var interrupted = await db.Jobs.Where(j => j.State == JobState.Queued || j.State == JobState.Running)
                .Where(j => !db.Attempts.Any(a => a.JobId == j.Id && a.Token == j.AttemptToken && a.Owner == owner))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var job in interrupted)
            {
                var attempt = job.AttemptToken is { } token ? await db.Attempts.FindAsync([job.Id, token], cancellationToken).ConfigureAwait(false) : null;
                var gone = attempt is null ? "an earlier process" : StoreOwner.Describe(attempt.Owner);
                Close(attempt, AttemptOutcomes.Interrupted, $"its owner, {gone}, is gone");
                ReturnToPending(job, $"interrupted: {gone} stopped; resumes from its checkpoint");
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return interrupted.Count;
        }, cancellationToken);

    /// <summary>Pending jobs of active sweeps, oldest first, skipping those already being handled and
    /// those whose device kind (<see cref="DeviceKinds.Agreed"/>) is in <paramref name="skipDevices"/>.</summary>
    public Task<IReadOnlyList<DispatchableJob>> NextPendingAsync(int limit, IReadOnlyCollection<string> exclude,
        IReadOnlyCollection<DeviceKind>? skipDevices = null, CancellationToken cancellationToken = default) =>
        WithContextAsync<IReadOnlyList<DispatchableJob>>(async db =>
        {
            var pending = WithDemands(db, db.Jobs.AsNoTracking()
                .Where(j => j.State == JobState.Pending && !exclude.Contains(j.Id))
                .Where(j => db.SweepJobs.Any(l => l.JobId == j.Id && db.Sweeps.Any(s => s.Id == l.SweepId && !s.Cancelled))));
            // The kind as DeviceKinds.Agreed gives it: cpu or cuda when only that one is asked for, else any.
            var skip = skipDevices ?? [];
            var (skipAny, skipCpu, skipCuda) = (skip.Contains(DeviceKind.Any), skip.Contains(DeviceKind.Cpu), skip.Contains(DeviceKind.Cuda));
            if (skipAny) pending = pending.Where(d => d.WantsCpu != d.WantsCuda);
            if (skipCpu) pending = pending.Where(d => !d.WantsCpu || d.WantsCuda);
            if (skipCuda) pending = pending.Where(d => !d.WantsCuda || d.WantsCpu);
            var rows = await pending
                // Ordered by the (State, CreatedAtMs, Sequence) index alone, so SQLite walks it and stops
                // at the limit instead of sorting every pending job on each call.
                .OrderBy(d => d.Job.CreatedAtMs).ThenBy(d => d.Job.Sequence)
                .Take(limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.Select(d => d.ToDispatchable()).ToList();
        }, cancellationToken);

    /// <summary>Pending → Queued under a fresh attempt token.</summary>
    /// <returns>The attempt number, or null when the job is no longer pending (cancelled meanwhile).</returns>
    public Task<int?> MarkQueuedAsync(string jobId, string attemptToken, CancellationToken cancellationToken = default) =>
        WithContextAsync<int?>(async db =>
        {
            var job = await db.Jobs.FindAsync([jobId], cancellationToken).ConfigureAwait(false)
                      ?? throw new KeyNotFoundException($"no job {jobId}");
            if (job.State != JobState.Pending) return null;
            Move(job, JobState.Queued);
            job.Attempts++;
            job.AttemptToken = attemptToken;
            job.QueuedAtMs = NowMs;
            job.LastError = null;
            // Numbered by dispatch, not by job.Attempts: an attempt given back (worker lost, interrupted)
            // is not counted against the job, and the next one would otherwise repeat its number.
            var number = 1 + await db.Attempts.CountAsync(a => a.JobId == jobId, cancellationToken).ConfigureAwait(false);
            db.Attempts.Add(new AttemptRow { Token = attemptToken, JobId = jobId, Number = number, Owner = OwnerId, QueuedAtMs = job.QueuedAtMs.Value });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return job.Attempts;
        }, cancellationToken);

    public Task<IngestOutcome> ApplyStartedAsync(JobStarted started, CancellationToken cancellationToken = default) =>
        WithCurrentAttemptAsync(started, (job, attempt) =>
        {
            if (job.State != JobState.Queued) return IngestOutcome.Duplicate;
            Move(job, JobState.Running);
            if (attempt is not null) (attempt.WorkerId, attempt.StartedAtMs) = (started.WorkerId, started.At.ToUnixTimeMilliseconds());
            job.WorkerId = started.WorkerId;
            job.StartedAtMs = started.At.ToUnixTimeMilliseconds();
            job.HeartbeatAtMs = job.StartedAtMs;
            job.QueueWaitMs = job.QueuedAtMs is { } queued ? Math.Max(0, started.ReceivedAt.ToUnixTimeMilliseconds() - queued) : null;
            return IngestOutcome.Accepted;
        }, cancellationToken);

    public Task<IngestOutcome> ApplyHeartbeatAsync(JobProgressed progressed, CancellationToken cancellationToken = default) =>
        WithCurrentAttemptAsync(progressed, (job, _) =>
        {
            job.HeartbeatAtMs = progressed.At.ToUnixTimeMilliseconds();
            job.CurrentEpoch = progressed.Progress.Epoch;
            job.TotalEpochs = progressed.Progress.TotalEpochs;
            return IngestOutcome.Accepted;
        }, cancellationToken);

    /// <summary>Stores a result, its curve and its manifest with the job's Succeeded state in one
    /// transaction. Idempotent by job id: a second report of the same job is a no-op.</summary>
    public Task<IngestOutcome> ApplySucceededAsync(JobSucceeded succeeded, CancellationToken cancellationToken = default) =>
        WithContextAsync(async db =>
        {
            if (await db.Results.AnyAsync(r => r.JobId == succeeded.JobId, cancellationToken).ConfigureAwait(false))
                return IngestOutcome.Duplicate;
            var job = await db.Jobs.FindAsync([succeeded.JobId], cancellationToken).ConfigureAwait(false);
            if (job is null || job.AttemptToken != succeeded.AttemptToken || job.State is not (JobState.Queued or JobState.Running))
                return IngestOutcome.Stale;
            var now = NowMs;
            var timing = succeeded.Timing;
            if (job.State == JobState.Queued)
            {
                // The start event can be overtaken only if lost; the result still carries the timings.
                Move(job, JobState.Running);
                job.WorkerId = succeeded.WorkerId;
                job.StartedAtMs = timing.ExecutorStartedAt.ToUnixTimeMilliseconds();
            }
            Move(job, JobState.Succeeded);
            job.FinishedAtMs = now;
            job.CurrentEpoch = succeeded.Result.SelectedEpoch;
            job.StartupMs = (timing.ExecutorStartedAt - timing.ReceivedAt).TotalMilliseconds;
            job.ReportingMs = Math.Max(0, now - timing.ExecutorFinishedAt.ToUnixTimeMilliseconds());
            job.QueueWaitMs ??= job.QueuedAtMs is { } queued ? Math.Max(0, timing.ReceivedAt.ToUnixTimeMilliseconds() - queued) : null;
            Close(await db.Attempts.FindAsync([succeeded.JobId, succeeded.AttemptToken], cancellationToken).ConfigureAwait(false), AttemptOutcomes.Succeeded, null, succeeded.WorkerId);
            db.Results.Add(ToRow(succeeded, now));
            db.Epochs.AddRange(succeeded.Result.Curve.Select(e => ToRow(succeeded.JobId, e)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return IngestOutcome.Accepted;
        }, cancellationToken);

    public Task<IngestOutcome> ApplyFailedAsync(JobFailed failed, CancellationToken cancellationToken = default) =>
        WithCurrentAttemptAsync(failed, (job, attempt) =>
        {
            if (failed.Kind == FailureKind.Interrupted)
            {
                Close(attempt, AttemptOutcomes.Interrupted, failed.Error, failed.WorkerId);
                ReturnToPending(job, $"interrupted{(job.CurrentEpoch is { } epoch ? $" at epoch {epoch}" : "")}: {failed.Error}; resumes from its checkpoint");
            }
            else
            {
                Move(job, JobState.Failed);
                job.LastError = $"{failed.Kind}: {failed.Error}";
                job.FinishedAtMs = NowMs;
                Close(attempt, AttemptOutcomes.Failed, job.LastError, failed.WorkerId);
            }
            return IngestOutcome.Accepted;
        }, cancellationToken);

    /// <summary>The attempt's worker was lost: back to Pending (the attempt given back), or, when
    /// <paramref name="givenUpBecause"/> is set, Failed with that reason.</summary>
    public Task<IngestOutcome> ApplyWorkerLostAsync(JobFailed lost, string? givenUpBecause, CancellationToken cancellationToken = default) =>
        WithCurrentAttemptAsync(lost, (job, attempt) =>
        {
            Close(attempt, AttemptOutcomes.WorkerLost, lost.Error, lost.WorkerId);
            if (givenUpBecause is null)
            {
                ReturnToPending(job, $"worker lost{(job.CurrentEpoch is { } epoch ? $" at epoch {epoch}" : "")}: {lost.Error}; resumes from its checkpoint");
                return IngestOutcome.Accepted;
            }
            Move(job, JobState.Failed);
            job.LastError = $"{FailureKind.WorkerLost}: {givenUpBecause}";
            job.FinishedAtMs = NowMs;
            return IngestOutcome.Accepted;
        }, cancellationToken);

    /// <summary>Attempts of the job that ended with their worker lost.</summary>
    public Task<int> CountWorkerLossesAsync(string jobId, CancellationToken cancellationToken = default) =>
        WithContextAsync(db => db.Attempts.CountAsync(a => a.JobId == jobId && a.Outcome == AttemptOutcomes.WorkerLost, cancellationToken), cancellationToken);

    /// <summary>Failed → Pending: the retry is due.</summary>
    public Task<bool> ScheduleRetryAsync(string jobId, CancellationToken cancellationToken = default) =>
        WithJobAsync(jobId, job =>
        {
            if (job.State != JobState.Failed) return false;
            Move(job, JobState.Pending);
            return true;
        }, cancellationToken);

    /// <summary>Failed → DeadLettered: no more attempts.</summary>
    public Task<bool> DeadLetterAsync(string jobId, CancellationToken cancellationToken = default) =>
        WithJobAsync(jobId, job =>
        {
            if (job.State != JobState.Failed) return false;
            Move(job, JobState.DeadLettered);
            return true;
        }, cancellationToken);

    /// <summary>Queued/Running → Pending for the attempts this owner dispatched and no worker has
    /// reported on since: the last step of a clean shutdown, so nothing is left looking in flight.</summary>
    /// <returns>How many were put back.</returns>
    public Task<int> ReleaseOwnAttemptsAsync(string reason, CancellationToken cancellationToken = default) =>
        WithContextAsync(async db =>
        {
            var owner = OwnerId;
            var open = await db.Jobs.Where(j => j.State == JobState.Queued || j.State == JobState.Running)
                .Where(j => db.Attempts.Any(a => a.JobId == j.Id && a.Token == j.AttemptToken && a.Owner == owner))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var job in open)
            {
                Close(await db.Attempts.FindAsync([job.Id, job.AttemptToken!], cancellationToken).ConfigureAwait(false), AttemptOutcomes.Interrupted, reason);
                ReturnToPending(job, $"interrupted: {reason}; resumes from its checkpoint");
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return open.Count;
        }, cancellationToken);

    private static void ReturnToPending(JobRow job, string note)
    {
        Move(job, JobState.Pending);
        // The interrupted attempt was not the job's fault, so it is given back.
        job.Attempts = Math.Max(0, job.Attempts - 1);
        job.AttemptToken = null;
        job.LastError = note;
    }

    private void Close(AttemptRow? attempt, string outcome, string? error, string? workerId = null)
    {
        if (attempt is null || attempt.FinishedAtMs is not null) return;
        attempt.FinishedAtMs = NowMs;
        attempt.Outcome = outcome;
        attempt.Error = error;
        attempt.WorkerId ??= workerId;
    }

    private Task<T> WithJobAsync<T>(string jobId, Func<JobRow, T> change, CancellationToken cancellationToken) =>
        WithContextAsync(async db =>
        {
            var job = await db.Jobs.FindAsync([jobId], cancellationToken).ConfigureAwait(false)
                      ?? throw new KeyNotFoundException($"no job {jobId}");
            var outcome = change(job);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return outcome;
        }, cancellationToken);

    private Task<IngestOutcome> WithCurrentAttemptAsync(JobEvent jobEvent, Func<JobRow, AttemptRow?, IngestOutcome> change, CancellationToken cancellationToken) =>
        WithCurrentAttemptAsync(jobEvent.JobId, jobEvent.AttemptToken, change, cancellationToken);

    private Task<IngestOutcome> WithCurrentAttemptAsync(string jobId, string attemptToken, Func<JobRow, AttemptRow?, IngestOutcome> change, CancellationToken cancellationToken) =>
        WithContextAsync(async db =>
        {
            var job = await db.Jobs.FindAsync([jobId], cancellationToken).ConfigureAwait(false);
            if (job is null || job.AttemptToken != attemptToken || job.State is not (JobState.Queued or JobState.Running))
                return IngestOutcome.Stale;
            var attempt = await db.Attempts.FindAsync([jobId, attemptToken], cancellationToken).ConfigureAwait(false);
            var outcome = change(job, attempt);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return outcome;
        }, cancellationToken);

    private static ResultRow ToRow(JobSucceeded succeeded, long now)
    {
        var result = succeeded.Result;
        return new ResultRow
        {
            JobId = succeeded.JobId,
            AttemptToken = succeeded.AttemptToken,
            SelectedEpoch = result.SelectedEpoch,
            ValidJson = MetricJson.Write(result.Valid),
            TestJson = MetricJson.Write(result.Test),
            ParameterCount = result.ParameterCount,
            TrainSeconds = result.TrainSeconds,
            Device = result.Device,
            ManifestJson = JsonSerializer.Serialize(result.Manifest),
            RecordedAtMs = now,
            TestRanks = result.TestRanks is null ? null : RankCodec.Encode(result.TestRanks),
        };
    }

    private static EpochRow ToRow(string jobId, EpochRecord epoch) => new()
    {
        JobId = jobId,
        Epoch = epoch.Epoch,
        Loss = epoch.Loss,
        Seconds = epoch.Seconds,
        ValidJson = epoch.Valid is null ? null : MetricJson.Write(epoch.Valid),
        TestJson = epoch.Test is null ? null : MetricJson.Write(epoch.Test),
    };
}
