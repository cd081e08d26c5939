using Microsoft.EntityFrameworkCore;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store.Rows;

namespace Sweeps.Coordinator.Store;

/// <summary>A sweep out of the store and back in, so results travel between machines as text.</summary>
public sealed partial class SweepStore
{
    public Task<SweepDump?> LoadDumpAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithContextAsync(async db =>
        {
            var sweep = await db.Sweeps.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sweepId, cancellationToken).ConfigureAwait(false);
            if (sweep is null) return null;
            var jobs = await db.Jobs.AsNoTracking()
                .Where(j => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == j.Id))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var results = await db.Results.AsNoTracking()
                .Where(r => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == r.JobId))
                .ToDictionaryAsync(r => r.JobId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
            var curves = (await db.Epochs.AsNoTracking()
                    .Where(e => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == e.JobId))
                    .ToListAsync(cancellationToken).ConfigureAwait(false))
                .GroupBy(e => e.JobId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<EpochRow>)[.. g.OrderBy(e => e.Epoch)], StringComparer.Ordinal);
            var finished = jobs.Where(j => results.ContainsKey(j.Id))
                .OrderBy(j => results[j.Id].RecordedAtMs).ThenBy(j => j.Id, StringComparer.Ordinal);
            // In the order they would run here, which an import keeps.
            var waiting = jobs.Where(j => !results.ContainsKey(j.Id))
                .OrderBy(j => j.CreatedAtMs).ThenBy(j => j.Sequence);
            return new SweepDump(sweep, [.. finished.Concat(waiting).Select(j =>
                new JobDump(j, results.GetValueOrDefault(j.Id), curves.GetValueOrDefault(j.Id) ?? []))]);
        }, cancellationToken);

    /// <summary>Restores a dump in one transaction. A result the store already has is kept (a job is
    /// never trained or recorded twice); a job the store has without a result takes the dump's; a job
    /// the dump has unfinished arrives Pending, ready to run, unless it was dead-lettered or cancelled.</summary>
    public Task<ImportOutcome> ImportAsync(SweepDump dump, CancellationToken cancellationToken = default) =>
        WithContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var sweepId = dump.Sweep.Id;
            var sweepCreated = await db.Sweeps.FindAsync([sweepId], cancellationToken).ConfigureAwait(false) is null;
            if (sweepCreated) db.Sweeps.Add(Copy(dump.Sweep));
            var ids = dump.Jobs.Select(j => j.Job.Id).ToList();
            var existing = await db.Jobs.Where(j => ids.Contains(j.Id))
                .ToDictionaryAsync(j => j.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
            var recorded = (await db.Results.Where(r => ids.Contains(r.JobId)).Select(r => r.JobId)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var linked = (await db.SweepJobs.Where(l => l.SweepId == sweepId).Select(l => l.JobId)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var added = 0;
            var sequence = await LastSequenceAsync(db, cancellationToken).ConfigureAwait(false);
            foreach (var (job, result, _) in dump.Jobs.Where(j => !existing.ContainsKey(j.Job.Id)))
            {
                var row = Copy(job);
                row.Sequence = ++sequence;
                row.State = result is not null ? JobState.Succeeded : Arrived(job.State);
                if (row.State == JobState.Pending) row.AttemptToken = null;
                db.Jobs.Add(row);
                existing[job.Id] = row;
                added++;
            }
            // The model declares no relationships, so EF cannot order inserts by foreign key: parents first.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            int restored = 0, kept = 0;
            foreach (var (job, result, curve) in dump.Jobs)
            {
                var row = existing[job.Id];
                if (recorded.Contains(job.Id)) kept++;
                else if (result is not null)
                {
                    Restore(row, job);
                    db.Results.Add(Copy(result));
                    await db.Epochs.Where(e => e.JobId == job.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                    db.Epochs.AddRange(curve.Select(Copy));
                    restored++;
                }
                if (linked.Add(job.Id)) db.SweepJobs.Add(new SweepJobRow { SweepId = sweepId, JobId = job.Id });
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ImportOutcome(sweepId, sweepCreated, dump.Jobs.Count, added, restored, kept);
        }, cancellationToken);

    /// <summary>An attempt in flight elsewhere has no worker here: it runs again.</summary>
    private static JobState Arrived(JobState exported) =>
        exported is JobState.DeadLettered or JobState.Cancelled ? exported : JobState.Pending;

    private static void Restore(JobRow row, JobRow finished)
    {
        row.State = JobState.Succeeded;
        row.Attempts = finished.Attempts;
        row.AttemptToken = finished.AttemptToken;
        row.LastError = null;
        row.WorkerId = finished.WorkerId;
        row.QueuedAtMs = finished.QueuedAtMs;
        row.StartedAtMs = finished.StartedAtMs;
        row.FinishedAtMs = finished.FinishedAtMs;
        row.HeartbeatAtMs = finished.HeartbeatAtMs;
        row.CurrentEpoch = finished.CurrentEpoch;
        row.TotalEpochs = finished.TotalEpochs;
        row.QueueWaitMs = finished.QueueWaitMs;
        row.StartupMs = finished.StartupMs;
        row.ReportingMs = finished.ReportingMs;
    }

    private static SweepRow Copy(SweepRow s) => new()
    {
        Id = s.Id, SourceText = s.SourceText, TunedJson = s.TunedJson, Cancelled = s.Cancelled,
        CreatedAtMs = s.CreatedAtMs, UpdatedAtMs = s.UpdatedAtMs,
    };

    private static JobRow Copy(JobRow j) => new()
    {
        Id = j.Id, ConfigId = j.ConfigId, Dataset = j.Dataset, Model = j.Model, Seed = j.Seed, SpecJson = j.SpecJson,
        State = j.State, Attempts = j.Attempts, AttemptToken = j.AttemptToken, LastError = j.LastError, WorkerId = j.WorkerId,
        CreatedAtMs = j.CreatedAtMs, QueuedAtMs = j.QueuedAtMs, StartedAtMs = j.StartedAtMs, FinishedAtMs = j.FinishedAtMs,
        HeartbeatAtMs = j.HeartbeatAtMs, CurrentEpoch = j.CurrentEpoch, TotalEpochs = j.TotalEpochs,
        QueueWaitMs = j.QueueWaitMs, StartupMs = j.StartupMs, ReportingMs = j.ReportingMs,
    };

    private static ResultRow Copy(ResultRow r) => new()
    {
        JobId = r.JobId, AttemptToken = r.AttemptToken, SelectedEpoch = r.SelectedEpoch, ValidJson = r.ValidJson,
        TestJson = r.TestJson, ParameterCount = r.ParameterCount, TrainSeconds = r.TrainSeconds, Device = r.Device,
        ManifestJson = r.ManifestJson, RecordedAtMs = r.RecordedAtMs, TestRanks = r.TestRanks,
    };

    private static EpochRow Copy(EpochRow e) => new()
    {
        JobId = e.JobId, Epoch = e.Epoch, Loss = e.Loss, Seconds = e.Seconds, ValidJson = e.ValidJson, TestJson = e.TestJson,
    };
}
