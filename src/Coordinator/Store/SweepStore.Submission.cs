using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store.Rows;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator.Store;

public sealed partial class SweepStore
{
    private const int SubmitChunk = 500;

    /// <summary>Records a sweep and links its jobs. A job already in the store (from this sweep's last
    /// submission or another sweep) is linked, not duplicated, so it trains at most once; a cancelled
    /// one is reactivated. The same file again resumes its sweep; a different file under a taken name
    /// is refused unless <see cref="SweepSubmission.Replace"/>, and then the old job list is kept as a
    /// revision. Results of jobs a sweep no longer names stay in the store for reuse. All or nothing.</summary>
    /// <exception cref="SweepNameTakenException">A different file under an existing name, without Replace.</exception>
    public Task<SubmitOutcome> SubmitAsync(SweepSubmission submission, CancellationToken cancellationToken = default) =>
        WithContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = NowMs;
            var sweep = await db.Sweeps.FindAsync([submission.Name], cancellationToken).ConfigureAwait(false);
            int? replaced = null;
            if (sweep is null)
            {
                sweep = new SweepRow { Id = submission.Name, SourceText = "", TunedJson = "[]", CreatedAtMs = now };
                db.Sweeps.Add(sweep);
            }
            else if (!SameFile(sweep.SourceText, submission.SourceText))
            {
                if (!submission.Replace) throw new SweepNameTakenException(submission.Name);
                replaced = await KeepRevisionAsync(db, sweep, now, cancellationToken).ConfigureAwait(false);
            }
            sweep.SourceText = submission.SourceText;
            sweep.TunedJson = JsonSerializer.Serialize(submission.Tuned);
            sweep.Cancelled = false;
            sweep.KeepWeights = submission.KeepWeights;
            sweep.DeviceKind = submission.Device.Name();
            sweep.UpdatedAtMs = now;
            await db.SweepJobs.Where(l => l.SweepId == submission.Name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            int total = 0, added = 0, succeeded = 0, reactivated = 0, outstanding = 0;
            var sequence = await LastSequenceAsync(db, cancellationToken).ConfigureAwait(false);
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
                        db.Jobs.Add(NewJobRow(job, now, ++sequence));
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
            return new SubmitOutcome(submission.Name, total, added, succeeded, reactivated, outstanding, replaced);
        }, cancellationToken);

    private static bool SameFile(string stored, string submitted) =>
        string.Equals(stored.ReplaceLineEndings("\n").TrimEnd(), submitted.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);

    /// <summary>Copies the sweep's current file and job list into its history.</summary>
    /// <returns>The revision number the old version was kept under.</returns>
    private static async Task<int> KeepRevisionAsync(SweepsDbContext db, SweepRow sweep, long now, CancellationToken cancellationToken)
    {
        var revision = 1 + (await db.SweepRevisions.Where(r => r.SweepId == sweep.Id)
            .MaxAsync(r => (int?)r.Revision, cancellationToken).ConfigureAwait(false) ?? 0);
        db.SweepRevisions.Add(new SweepRevisionRow { SweepId = sweep.Id, Revision = revision, SourceText = sweep.SourceText, ReplacedAtMs = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sweep_revision_jobs (SweepId, Revision, JobId) SELECT SweepId, {revision}, JobId FROM sweep_jobs WHERE SweepId = {sweep.Id}",
            cancellationToken).ConfigureAwait(false);
        return revision;
    }

    /// <summary>The files a sweep had before replacements, oldest first, each with how many jobs it named.</summary>
    public Task<IReadOnlyList<SweepRevision>> ListRevisionsAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithReadContextAsync<IReadOnlyList<SweepRevision>>(async db => await db.SweepRevisions.AsNoTracking()
            .Where(r => r.SweepId == sweepId).OrderBy(r => r.Revision)
            .Select(r => new SweepRevision(r.Revision, r.SourceText, DateTimeOffset.FromUnixTimeMilliseconds(r.ReplacedAtMs),
                db.SweepRevisionJobs.Count(j => j.SweepId == r.SweepId && j.Revision == r.Revision)))
            .ToListAsync(cancellationToken).ConfigureAwait(false), cancellationToken);

    /// <summary>Cancels a sweep: its unfinished jobs become Cancelled unless another active sweep still
    /// needs them. Finished results are kept. Open attempts of cancelled jobs are closed here; the
    /// process running them learns it from the store (or at once, when it cancelled them itself).</summary>
    /// <returns>What was done, or null when there is no such sweep.</returns>
    public Task<SweepCancellation?> CancelSweepAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithContextAsync<SweepCancellation?>(async db =>
        {
            var sweep = await db.Sweeps.FindAsync([sweepId], cancellationToken).ConfigureAwait(false);
            if (sweep is null) return null;
            sweep.Cancelled = true;
            sweep.UpdatedAtMs = NowMs;
            var unfinished = db.Jobs
                .Where(j => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == j.Id))
                .Where(j => j.State != JobState.Succeeded && j.State != JobState.DeadLettered && j.State != JobState.Cancelled);
            var kept = await (from job in unfinished
                              from link in db.SweepJobs
                              where link.JobId == job.Id && link.SweepId != sweepId && db.Sweeps.Any(s => s.Id == link.SweepId && !s.Cancelled)
                              select new { job.Id, link.SweepId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var keptIds = kept.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
            var cancellable = (await unfinished.ToListAsync(cancellationToken).ConfigureAwait(false)).Where(j => !keptIds.Contains(j.Id)).ToList();
            var stopped = new List<string>();
            foreach (var job in cancellable)
            {
                if (job.State is JobState.Queued or JobState.Running)
                {
                    stopped.Add(job.Id);
                    if (job.AttemptToken is { } token)
                        Close(await db.Attempts.FindAsync([job.Id, token], cancellationToken).ConfigureAwait(false), AttemptOutcomes.Cancelled, $"sweep '{sweepId}' cancelled");
                }
                Move(job, JobState.Cancelled);
                job.FinishedAtMs = NowMs;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new SweepCancellation(sweepId, cancellable.Select(j => j.Id).ToList(), stopped,
                kept.GroupBy(k => k.Id).Select(g => new KeptJob(g.Key, g.Select(k => k.SweepId).Order(StringComparer.Ordinal).ToList())).ToList());
        }, cancellationToken);

    /// <summary>Gives failed and/or dead-lettered jobs of a sweep a fresh start: back to Pending with
    /// their attempt count reset, so they get the full number of attempts again.</summary>
    /// <returns>The ids of the jobs reset, or null when there is no such sweep.</returns>
    public Task<IReadOnlyList<string>?> RetryJobsAsync(string sweepId, bool failed, bool deadLettered, CancellationToken cancellationToken = default) =>
        WithContextAsync<IReadOnlyList<string>?>(async db =>
        {
            if (await db.Sweeps.FindAsync([sweepId], cancellationToken).ConfigureAwait(false) is not { } sweep) return null;
            var jobs = await db.Jobs
                .Where(j => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == j.Id))
                .Where(j => (failed && j.State == JobState.Failed) || (deadLettered && j.State == JobState.DeadLettered))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var job in jobs)
            {
                Move(job, JobState.Pending);
                job.Attempts = 0;
                job.AttemptToken = null;
                job.LastError = null;
                job.CurrentEpoch = null;
            }
            if (jobs.Count > 0) sweep.Cancelled = false;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return jobs.Select(j => j.Id).ToList();
        }, cancellationToken);

    /// <summary>The highest <see cref="JobRow.Sequence"/> so far; the next job entering the store takes the one after it.</summary>
    private static async Task<long> LastSequenceAsync(SweepsDbContext db, CancellationToken cancellationToken) =>
        await db.Jobs.MaxAsync(j => (long?)j.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;

    private static JobRow NewJobRow(JobSpec job, long now, long sequence) => new()
    {
        Id = job.Id,
        ConfigId = job.ConfigId,
        Dataset = job.Dataset,
        Model = job.Model,
        Seed = job.Seed,
        SpecJson = job.ToCanonicalJson(),
        State = JobState.Pending,
        CreatedAtMs = now,
        Sequence = sequence,
    };

    private static void Move(JobRow job, JobState to)
    {
        JobStateMachine.EnsureCanMove(job.Id, job.State, to);
        job.State = to;
    }
}
