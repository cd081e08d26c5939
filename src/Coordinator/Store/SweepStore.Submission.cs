using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store.Rows;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator.Store;

public sealed partial class SweepStore
{
    private const int SubmitChunk = 500;

    /// <summary>Records a sweep and links its jobs. A job already in the store (from this sweep's last
    /// submission or another sweep) is linked, not duplicated, so it trains at most once; a cancelled
    /// one is reactivated. The sweep's links are replaced, so an edited sweep contains exactly its
    /// current jobs, while results of jobs it no longer names stay in the store for reuse.</summary>
    public Task<SubmitOutcome> SubmitAsync(SweepSubmission submission, CancellationToken cancellationToken = default) =>
        WithContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = NowMs;
            var sweep = await db.Sweeps.FindAsync([submission.Name], cancellationToken).ConfigureAwait(false);
            if (sweep is null)
            {
                sweep = new SweepRow { Id = submission.Name, SourceText = "", TunedJson = "[]", CreatedAtMs = now };
                db.Sweeps.Add(sweep);
            }
            sweep.SourceText = submission.SourceText;
            sweep.TunedJson = JsonSerializer.Serialize(submission.Tuned);
            sweep.Cancelled = false;
            sweep.KeepWeights = submission.KeepWeights;
            sweep.UpdatedAtMs = now;
            await db.SweepJobs.Where(l => l.SweepId == submission.Name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            int total = 0, added = 0, succeeded = 0, reactivated = 0, outstanding = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in submission.Jobs.Where(j => seen.Add(j.Id)).Chunk(SubmitChunk))
            {
                var ids = chunk.Select(j => j.Id).ToList();
                var existing = await db.Jobs.Where(j => ids.Contains(j.Id))
                    .ToDictionaryAsync(j => j.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
                foreach (var job in chunk)
                {
                    total++;
                    if (!existing.TryGetValue(job.Id, out var row))
                    {
                        db.Jobs.Add(NewJobRow(job, now));
                        added++;
                    }
                    else if (row.State == JobState.Cancelled)
                    {
                        Move(row, JobState.Pending);
                        reactivated++;
                    }
                    if (row?.State == JobState.Succeeded) succeeded++;
                    else if (row is null || !JobStateMachine.IsSettled(row.State)) outstanding++;
                    db.SweepJobs.Add(new SweepJobRow { SweepId = submission.Name, JobId = job.Id });
                }
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SubmitOutcome(submission.Name, total, added, succeeded, reactivated, outstanding);
        }, cancellationToken);

    /// <summary>Cancels a sweep: its unfinished jobs become Cancelled unless another active sweep still
    /// needs them. Finished results are kept.</summary>
    /// <returns>The ids of the jobs cancelled, or null when there is no such sweep.</returns>
    public Task<IReadOnlyList<string>?> CancelSweepAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithContextAsync<IReadOnlyList<string>?>(async db =>
        {
            var sweep = await db.Sweeps.FindAsync([sweepId], cancellationToken).ConfigureAwait(false);
            if (sweep is null) return null;
            sweep.Cancelled = true;
            sweep.UpdatedAtMs = NowMs;
            var cancellable = await db.Jobs
                .Where(j => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == j.Id))
                .Where(j => j.State != JobState.Succeeded && j.State != JobState.DeadLettered && j.State != JobState.Cancelled)
                .Where(j => !db.SweepJobs.Any(l => l.JobId == j.Id && l.SweepId != sweepId
                                                   && db.Sweeps.Any(s => s.Id == l.SweepId && !s.Cancelled)))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var job in cancellable)
            {
                Move(job, JobState.Cancelled);
                job.FinishedAtMs = NowMs;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return cancellable.Select(j => j.Id).ToList();
        }, cancellationToken);

    private static JobRow NewJobRow(JobSpec job, long now) => new()
    {
        Id = job.Id,
        ConfigId = job.ConfigId,
        Dataset = job.Dataset,
        Model = job.Model,
        Seed = job.Seed,
        SpecJson = job.ToCanonicalJson(),
        State = JobState.Pending,
        CreatedAtMs = now,
    };

    private static void Move(JobRow job, JobState to)
    {
        JobStateMachine.EnsureCanMove(job.Id, job.State, to);
        job.State = to;
    }
}
