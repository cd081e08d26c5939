using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.Live;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator;

/// <summary>The coordinator: takes submissions into the store, offers their jobs to workers as leases
/// and stores what workers report. It does not know how workers reach it, nor whether they share its
/// process: a host connects <see cref="LeaseAsync"/> and <see cref="ReportAsync"/> to its workers.</summary>
public sealed class SweepCoordinator : IAsyncDisposable
{
    private static readonly TimeSpan SettledCheckInterval = TimeSpan.FromSeconds(1);
    private readonly CoordinatorOptions _options;
    private readonly ILogger _logger;
    private readonly Dispatcher _dispatcher;
    private readonly EventIngestor _ingestor;
    private readonly LeaseKeeper _keeper;
    private readonly CancellationTokenSource _dispatchStopping = new();
    private readonly CancellationTokenSource _keeperStopping = new();
    private Task _dispatching = Task.CompletedTask;
    private Task _keeping = Task.CompletedTask;

    public SweepCoordinator(SweepStore store, CoordinatorOptions options, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        Store = store;
        (_options, _logger) = (options, logger);
        Leases = new JobLeases(options.LeaseTimings, options.Clock);
        var waiters = new AttemptWaiters();
        _dispatcher = new Dispatcher(store, Leases, waiters, options.Retry, options.MaxInFlight, options.Clock, logger);
        _ingestor = new EventIngestor(store, waiters, Board, options.LeaseTimings.WorkerLossLimit, logger);
        _keeper = new LeaseKeeper(Leases, _ingestor, options.Clock, logger);
    }

    public SweepStore Store { get; }
    public LiveBoard Board { get; } = new();
    public JobLeases Leases { get; }

    /// <summary>Reports ignored because they came from a superseded attempt.</summary>
    public long StaleEvents => _ingestor.StaleEvents;

    /// <summary>Takes back what a previous process left in flight, then starts dispatching. With an
    /// adoption grace (a cluster, where workers outlive the coordinator) those attempts stay with
    /// their workers, and only those not reported within the grace go back to Pending.</summary>
    /// <returns>The attempts put back to Pending at once, or adopted.</returns>
    public async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        var dispatchStopping = _dispatchStopping.Token;
        int recovered;
        if (Leases.Options.AdoptionGrace <= TimeSpan.Zero)
        {
            recovered = await Store.RecoverInterruptedAsync(cancellationToken).ConfigureAwait(false);
            if (recovered > 0) _logger.LogInformation("re-queued {Count} job(s) interrupted by an earlier owner of the store", recovered);
        }
        else
        {
            var inFlight = await Store.InFlightAsync(cancellationToken).ConfigureAwait(false);
            foreach (var open in inFlight)
            {
                Leases.Adopt(open.Attempt, open.WorkerId, open.Started);
                _dispatcher.Adopt(open.Job, open.Attempt, dispatchStopping);
            }
            recovered = inFlight.Count;
        }
        var keeperStopping = _keeperStopping.Token;
        _keeping = Task.Run(() => _keeper.RunAsync(keeperStopping), CancellationToken.None);
        _dispatching = Task.Run(() => _dispatcher.RunAsync(dispatchStopping), CancellationToken.None);
        return recovered;
    }

    /// <summary>Offered attempts for one worker slot, waiting at most <paramref name="wait"/> for one.</summary>
    /// <param name="holder">The worker's process as cluster membership names it.</param>
    /// <param name="device">The kind of device the slot trains on: it gets only jobs whose sweeps accept it.</param>
    public Task<IReadOnlyList<JobMessage>> LeaseAsync(string holder, string workerId, DeviceKind device, int max, TimeSpan wait, CancellationToken cancellationToken) =>
        Leases.TakeAsync(holder, workerId, device, max, wait, cancellationToken);

    /// <summary>Stores a worker's report on an attempt and renews its lease. Safe to repeat.</summary>
    /// <returns>Whether the attempt is still the job's current one; false tells the worker to drop it
    /// (it was cancelled, or handed to another worker).</returns>
    public async Task<bool> ReportAsync(string holder, JobEvent report, CancellationToken cancellationToken)
    {
        var current = Leases.Renew(report.JobId, report.AttemptToken, holder, report.WorkerId);
        if (!current && report is JobHeartbeat or JobProgressed) return false;
        var outcome = await _ingestor.IngestAsync(report, cancellationToken).ConfigureAwait(false);
        if (report is JobSucceeded or JobFailed) Leases.Release(report.JobId, report.AttemptToken);
        return outcome != IngestOutcome.Stale;
    }

    /// <summary>Cluster membership declared a worker process dead: its jobs go to other workers.</summary>
    public Task<int> ReclaimHolderAsync(string holder, CancellationToken cancellationToken = default) =>
        _keeper.ReclaimHolderAsync(holder, cancellationToken);

    /// <summary>Checks the submission (name, job count) before anything is written, then stores it.</summary>
    /// <exception cref="SweepRejectedException">Invalid name, too many jobs, or the name taken by another file.</exception>
    public async Task<SubmitOutcome> SubmitAsync(SweepSubmission submission, CancellationToken cancellationToken = default)
    {
        SweepNames.Validate(submission.Name);
        var count = submission.JobCount ?? submission.Jobs.LongCount();
        if (count > _options.MaxSubmissionJobs)
            throw new SweepTooLargeException(submission.Name, count, _options.MaxSubmissionJobs);
        if (_options.OnlyDevice is { } device && !device.Runs(submission.Device))
            throw new SweepNeedsDeviceException(submission.Name, submission.Device, device);
        SubmitOutcome outcome;
        try
        {
            outcome = await Store.SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        }
        catch (SweepRejectedException e)
        {
            _logger.LogWarning("submission of sweep {SweepId} refused: {Reason}", submission.Name, e.Message);
            throw;
        }
        _logger.LogInformation("sweep {SweepId} submitted: {Total} jobs, {Added} new, {AlreadySucceeded} already finished, {Outstanding} to run{Replaced}",
            outcome.SweepId, outcome.Total, outcome.Added, outcome.AlreadySucceeded, outcome.Outstanding,
            outcome.ReplacedRevision is { } revision ? $", replacing its file (kept as revision {revision})" : "");
        _dispatcher.Wake();
        return outcome;
    }

    /// <summary>Cancels a sweep and stops its queued and running jobs (those no other active sweep needs).</summary>
    /// <returns>What was done, or null when there is no such sweep.</returns>
    public async Task<SweepCancellation?> CancelAsync(string sweepId, CancellationToken cancellationToken = default)
    {
        var cancellation = await Store.CancelSweepAsync(sweepId, cancellationToken).ConfigureAwait(false);
        if (cancellation is null) return null;
        _dispatcher.Stop(cancellation.Cancelled, $"sweep '{sweepId}' cancelled");
        foreach (var jobId in cancellation.Cancelled) Board.Forget(jobId);
        _logger.LogInformation("sweep {SweepId} cancelled: {Cancelled} job(s) cancelled, {Stopped} of them stopped while queued or running, {Kept} kept for other sweeps",
            sweepId, cancellation.Cancelled.Count, cancellation.Stopped.Count, cancellation.Kept.Count);
        return cancellation;
    }

    /// <summary>Completes when every job of the sweep is settled (succeeded, dead-lettered or cancelled).
    /// Checked whenever the dispatcher goes idle, and every second besides: jobs of other sweeps can
    /// keep it busy long after this one is done.</summary>
    public async Task WaitForSweepAsync(string sweepId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var idle = _dispatcher.WhenIdleAsync();
            var sweep = await Store.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false)
                        ?? throw new KeyNotFoundException($"no sweep '{sweepId}'");
            if (sweep.Counts.Where(c => c.Value > 0).All(c => JobStateMachine.IsSettled(c.Key))) return;
            await Task.WhenAny(idle, Task.Delay(SettledCheckInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Stops dispatching and taking back lapsed leases. Reports are still stored while the
    /// host lets them through. In one process (no adoption grace) the attempts still open then go back
    /// to Pending, recorded as interrupted; in a cluster they stay Queued/Running with their workers and
    /// the next coordinator adopts them. Either way stopping loses no job.</summary>
    public async Task StopAsync()
    {
        await StopDispatchingAsync().ConfigureAwait(false);
        if (_keeperStopping.IsCancellationRequested) return;
        await _keeperStopping.CancelAsync().ConfigureAwait(false);
        await Quietly(_keeping).ConfigureAwait(false);
        if (Leases.Options.AdoptionGrace > TimeSpan.Zero) return;
        var released = await Store.ReleaseOwnAttemptsAsync("the process running it stopped", CancellationToken.None).ConfigureAwait(false);
        if (released > 0) _logger.LogInformation("{Count} job(s) left in flight were put back to pending", released);
    }

    /// <summary>Dispatches nothing more; reports are still stored, so workers can finish reporting.</summary>
    public async Task StopDispatchingAsync()
    {
        if (_dispatchStopping.IsCancellationRequested) return;
        await _dispatchStopping.CancelAsync().ConfigureAwait(false);
        await Quietly(_dispatching).ConfigureAwait(false);
        await _dispatcher.DrainAsync().ConfigureAwait(false);
    }

    private static async Task Quietly(Task loop)
    {
        try { await loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { /* the expected way for a loop to end */ }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _dispatchStopping.Dispose();
        _keeperStopping.Dispose();
    }
}
