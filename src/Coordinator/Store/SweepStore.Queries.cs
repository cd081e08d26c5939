using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Coordinator.Store;

/// <summary>Read-only views for the CLI, the API and aggregation.</summary>
public sealed partial class SweepStore
{
    public Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken = default) =>
        SummariesAsync(null, cancellationToken);

    public async Task<SweepSummary?> GetSweepAsync(string sweepId, CancellationToken cancellationToken = default) =>
        (await SummariesAsync(sweepId, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<JobView>> ListJobsAsync(string sweepId, CancellationToken cancellationToken = default) =>
        ListJobsAsync(sweepId, JobPage.All, cancellationToken);

    /// <summary>One page of a sweep's jobs, in the order they run.</summary>
    public Task<IReadOnlyList<JobView>> ListJobsAsync(string sweepId, JobPage page, CancellationToken cancellationToken = default) =>
        WithReadContextAsync<IReadOnlyList<JobView>>(async db => await db.Jobs.AsNoTracking()
            .Where(j => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == j.Id))
            .Where(j => page.State == null || j.State == page.State)
            .OrderBy(j => j.CreatedAtMs).ThenBy(j => j.Sequence)
            .Skip(page.Offset).Take(page.Limit)
            .Select(j => new JobView(j.Id, j.ConfigId, j.Dataset, j.Model, j.Seed, j.State, j.Attempts, j.LastError,
                j.WorkerId, j.CurrentEpoch, j.TotalEpochs, j.QueueWaitMs, j.StartupMs, j.ReportingMs))
            .ToListAsync(cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<JobOutcome>> LoadOutcomesAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithReadContextAsync<IReadOnlyList<JobOutcome>>(async db =>
        {
            var rows = await (from link in db.SweepJobs.AsNoTracking()
                              where link.SweepId == sweepId
                              join job in db.Jobs on link.JobId equals job.Id
                              join result in db.Results on job.Id equals result.JobId into results
                              from result in results.DefaultIfEmpty()
                              select new { job.SpecJson, job.State, Valid = result == null ? null : result.ValidJson, Test = result == null ? null : result.TestJson })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.Select(r => new JobOutcome(JobSpec.FromCanonicalJson(r.SpecJson), r.State,
                r.Valid is null ? null : MetricJson.Read(r.Valid), r.Test is null ? null : MetricJson.Read(r.Test))).ToList();
        }, cancellationToken);

    /// <summary>Per-user test ranks of the sweep's results that kept them, by config and seed: read only
    /// for significance tests, apart from the outcomes, since they are the bulk of a result.</summary>
    public Task<IReadOnlyDictionary<(string ConfigId, int Seed), int[]>> LoadTestRanksAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithReadContextAsync<IReadOnlyDictionary<(string ConfigId, int Seed), int[]>>(async db =>
        {
            var rows = await (from link in db.SweepJobs.AsNoTracking()
                              where link.SweepId == sweepId
                              join job in db.Jobs on link.JobId equals job.Id
                              join result in db.Results on job.Id equals result.JobId
                              where result.TestRanks != null
                              select new { job.ConfigId, job.Seed, result.TestRanks })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.ToDictionary(r => (r.ConfigId, r.Seed), r => RankCodec.Decode(r.TestRanks!));
        }, cancellationToken);

    /// <summary>A job by its id or an unambiguous prefix of it (ids are long hashes; people type prefixes).</summary>
    public Task<StoredJob?> FindJobAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        WithReadContextAsync(async db =>
        {
            var matches = await db.Jobs.AsNoTracking().Where(j => j.Id.StartsWith(idOrPrefix)).Take(2)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (matches.Count != 1) return null;
            var job = matches[0];
            var result = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.JobId == job.Id, cancellationToken).ConfigureAwait(false);
            return new StoredJob(JobSpec.FromCanonicalJson(job.SpecJson), job.State, result is null ? null
                : new RunResultSummary(result.SelectedEpoch, MetricJson.Read(result.ValidJson), MetricJson.Read(result.TestJson),
                    result.ParameterCount, result.TrainSeconds, result.Device, JsonSerializer.Deserialize<RunManifest>(result.ManifestJson)!));
        }, cancellationToken);

    public Task<IReadOnlyList<JobLatency>> LoadLatenciesAsync(string sweepId, CancellationToken cancellationToken = default) =>
        WithReadContextAsync<IReadOnlyList<JobLatency>>(async db => await db.Jobs.AsNoTracking()
            .Where(j => db.SweepJobs.Any(l => l.SweepId == sweepId && l.JobId == j.Id))
            .Where(j => j.QueueWaitMs != null && j.StartupMs != null && j.ReportingMs != null)
            .Select(j => new JobLatency(j.QueueWaitMs!.Value, j.StartupMs!.Value, j.ReportingMs!.Value))
            .ToListAsync(cancellationToken).ConfigureAwait(false), cancellationToken);

    /// <summary>A job's attempts, sweeps and epoch curve, by its id or an unambiguous prefix.</summary>
    /// <returns>Null when no job, or more than one, matches.</returns>
    public Task<JobLog?> LoadJobLogAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        WithReadContextAsync(async db =>
        {
            var matches = await db.Jobs.AsNoTracking().Where(j => j.Id.StartsWith(idOrPrefix))
                .Select(j => new JobView(j.Id, j.ConfigId, j.Dataset, j.Model, j.Seed, j.State, j.Attempts, j.LastError,
                    j.WorkerId, j.CurrentEpoch, j.TotalEpochs, j.QueueWaitMs, j.StartupMs, j.ReportingMs))
                .Take(2).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (matches.Count != 1) return null;
            var job = matches[0];
            var sweeps = await db.SweepJobs.AsNoTracking().Where(l => l.JobId == job.Id).Select(l => l.SweepId).OrderBy(id => id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var attempts = await db.Attempts.AsNoTracking().Where(a => a.JobId == job.Id).OrderBy(a => a.QueuedAtMs)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var epochs = await db.Epochs.AsNoTracking().Where(e => e.JobId == job.Id).OrderBy(e => e.Epoch)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return (JobLog?)new JobLog(job, sweeps,
                attempts.Select(a => new AttemptView(a.Number, a.Owner, a.WorkerId, At(a.QueuedAtMs), At(a.StartedAtMs), At(a.FinishedAtMs), a.Outcome, a.Error)).ToList(),
                epochs.Select(e => new EpochView(e.Epoch, e.Loss, e.Seconds, Ndcg(e.ValidJson), Ndcg(e.TestJson))).ToList());
        }, cancellationToken);

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? At(long? ms) => ms is { } value ? At(value) : null;

    private static double? Ndcg(string? metricsJson) =>
        metricsJson is null ? null : MetricJson.Read(metricsJson).Values.TryGetValue("ndcg@10", out var v) ? v : null;

    /// <summary>Those of <paramref name="jobIds"/> that are Cancelled now.</summary>
    public Task<IReadOnlyList<string>> CancelledAmongAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) =>
        WithReadContextAsync<IReadOnlyList<string>>(async db => await db.Jobs.AsNoTracking()
            .Where(j => jobIds.Contains(j.Id) && j.State == JobState.Cancelled).Select(j => j.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<int> CountEpochsAsync(string jobId, CancellationToken cancellationToken = default) =>
        WithReadContextAsync(db => db.Epochs.CountAsync(e => e.JobId == jobId, cancellationToken), cancellationToken);

    private Task<IReadOnlyList<SweepSummary>> SummariesAsync(string? sweepId, CancellationToken cancellationToken) =>
        WithReadContextAsync<IReadOnlyList<SweepSummary>>(async db =>
        {
            var sweeps = await db.Sweeps.AsNoTracking().Where(s => sweepId == null || s.Id == sweepId)
                .OrderBy(s => s.CreatedAtMs).ToListAsync(cancellationToken).ConfigureAwait(false);
            var counts = await (from link in db.SweepJobs.AsNoTracking()
                                where sweepId == null || link.SweepId == sweepId
                                join job in db.Jobs on link.JobId equals job.Id
                                group job by new { link.SweepId, job.State } into g
                                select new { g.Key.SweepId, g.Key.State, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return sweeps.Select(s => new SweepSummary(s.Id, s.Cancelled,
                DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(s.UpdatedAtMs),
                JsonSerializer.Deserialize<string[]>(s.TunedJson)!,
                counts.Where(c => c.SweepId == s.Id).ToDictionary(c => c.State, c => c.Count))).ToList();
        }, cancellationToken);
}
