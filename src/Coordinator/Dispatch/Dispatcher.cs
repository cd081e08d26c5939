using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Leasing;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Dispatch;

/// <summary>Offers pending jobs to workers (<see cref="JobLeases"/>), at most <c>maxInFlight</c> at a time, and follows each
/// through its attempts under the retry pipeline. The window keeps the offer short, so a cancelled
/// job is simply never dispatched and a huge sweep is streamed from the store, not from memory.</summary>
public sealed class Dispatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly SweepStore _store;
    private readonly JobLeases _leases;
    private readonly AttemptWaiters _waiters;
    private readonly RetryOptions _retry;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly int _maxInFlight;
    private readonly ConcurrentDictionary<string, Followed> _inFlight = new(StringComparer.Ordinal);
    private readonly WakeSignal _wake = new();
    private TaskCompletionSource _idle = NewIdle();
    private readonly Lock _turnLock = new();
    private Task _lastTurn = Task.CompletedTask;
    private bool _newWork = true;

    public Dispatcher(SweepStore store, JobLeases leases, AttemptWaiters waiters, RetryOptions retry, int maxInFlight, TimeProvider clock, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        (_store, _leases, _waiters, _retry, _maxInFlight, _clock, _logger) = (store, leases, waiters, retry, maxInFlight, clock, logger);
        _pipeline = JobRetryPipeline.Build(retry, failure => new ValueTask(_store.ScheduleRetryAsync(failure.JobId)));
    }

    public int InFlight => _inFlight.Count;

    /// <summary>Something may have become dispatchable (a submission, a reactivated job).</summary>
    public void Wake()
    {
        Volatile.Write(ref _newWork, true);
        _wake.Set();
    }

    /// <summary>Completes the next time the dispatcher has nothing pending and nothing in flight.</summary>
    public Task WhenIdleAsync() => Volatile.Read(ref _idle).Task;

    public async Task RunAsync(CancellationToken stopping)
    {
        // A wide window (a cluster's) is topped up in batches and checked for cancellations once per
        // poll: both queries name every attempt in flight, which costs more than running a noop job
        // when done after every finished job.
        var refill = Math.Max(1, _maxInFlight / 8);
        var lastCancelCheck = long.MinValue;
        // Each device kind has its own window, so jobs waiting for a kind of worker that is busy or
        // absent (a GPU sweep on a CPU cluster) do not hold back the others. A kind whose pending jobs
        // were all taken is not asked for again until new work arrives (Wake) or the next poll.
        var drained = new HashSet<DeviceKind>();
        while (!stopping.IsCancellationRequested)
        {
            if (lastCancelCheck == long.MinValue || _clock.GetElapsedTime(lastCancelCheck) >= PollInterval)
            {
                await StopCancelledElsewhereAsync(stopping).ConfigureAwait(false);
                lastCancelCheck = _clock.GetTimestamp();
                drained.Clear();
            }
            if (Interlocked.Exchange(ref _newWork, false)) drained.Clear();
            var load = Kinds.ToDictionary(kind => kind, kind => _inFlight.Values.Count(f => f.Device == kind));
            var asked = Kinds.Where(kind => _maxInFlight - load[kind] >= refill && !drained.Contains(kind)).ToList();
            var limit = asked.Count == 0 ? 0 : asked.Max(kind => _maxInFlight - load[kind]);
            var batch = limit > 0 ? await NextBatchAsync(limit, [.. Kinds.Except(asked)], stopping).ConfigureAwait(false) : [];
            if (limit > 0 && batch.Count < limit) drained.UnionWith(asked);
            foreach (var job in batch.Where(job => load[job.Device] < _maxInFlight))
            {
                load[job.Device]++;
                Follow(job, adopted: null, stopping);
            }
            if (batch.Count == 0 && _inFlight.IsEmpty)
                Interlocked.Exchange(ref _idle, NewIdle()).TrySetResult();
            if (batch.Count < limit || limit == 0)
                await _wake.WaitAsync(PollInterval, stopping).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<DispatchableJob>> NextBatchAsync(int limit, IReadOnlyCollection<DeviceKind> skip, CancellationToken stopping)
    {
        try
        {
            return await _store.NextPendingAsync(limit, _inFlight.Keys.ToList(), skip, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store that fails now (disk full, locked beyond the retries) may recover; the loop must not die.
            _logger.LogError(e, "could not read pending jobs; retrying");
            return [];
        }
    }

    /// <summary>Follows an attempt an earlier coordinator handed out, as if this one had: its outcome,
    /// or its lease lapsing, decides what comes next.</summary>
    public void Adopt(DispatchableJob job, JobMessage attempt, CancellationToken stopping) => Follow(job, attempt, stopping);

    private void Follow(DispatchableJob job, JobMessage? adopted, CancellationToken stopping)
    {
        OfferTurn turn;
        lock (_turnLock)
        {
            turn = new OfferTurn(_lastTurn);
            _lastTurn = turn.Passed;
        }
        // An adopted attempt was offered by an earlier coordinator: it takes no turn.
        if (adopted is not null) turn.Pass();
        // The entry must exist before the follow-up can finish and remove it.
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[job.Spec.Id] = new Followed(FollowAsync(job, adopted, turn, registered.Task, stopping), job.Device);
        registered.SetResult();
    }

    private async Task FollowAsync(DispatchableJob job, JobMessage? adopted, OfferTurn turn, Task registered, CancellationToken stopping)
    {
        await registered.ConfigureAwait(false);
        var jobId = job.Spec.Id;
        try
        {
            await _pipeline.ExecuteAsync(async ct =>
            {
                var attempt = Interlocked.Exchange(ref adopted, null);
                await (attempt is null ? AttemptAsync(job, turn, ct) : ThrowIfFailedAsync(attempt, Open(attempt, offer: false), ct)).ConfigureAwait(false);
            }, stopping).ConfigureAwait(false);
        }
        catch (AttemptFailedException failure)
        {
            await _store.DeadLetterAsync(jobId, CancellationToken.None).ConfigureAwait(false);
            _logger.LogWarning("job {JobId} dead-lettered after attempt {Attempt}: {Error}", jobId, failure.Attempt, failure.Error);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown: the attempt stays Queued/Running and the next start re-queues it.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "following job {JobId} failed; it stays in its state until the next start", jobId);
        }
        finally
        {
            turn.Pass();
            _inFlight.TryRemove(jobId, out _);
            _wake.Set();
        }
    }

    /// <summary>A new attempt: queued in the store and offered to the workers. A job's first offer waits
    /// for the one dispatched before it, so workers take the jobs of a batch in the store's order (a
    /// sweep file's order) rather than in the order their store writes happen to finish.</summary>
    private async Task AttemptAsync(DispatchableJob job, OfferTurn turn, CancellationToken stopping)
    {
        JobMessage attempt;
        Task<AttemptOutcome> outcome;
        try
        {
            await turn.Previous.WaitAsync(stopping).ConfigureAwait(false);
            var token = Guid.NewGuid().ToString("N");
            var number = await _store.MarkQueuedAsync(job.Spec.Id, token, stopping).ConfigureAwait(false);
            if (number is null) return;
            attempt = new JobMessage(job.Spec, token, number.Value, _clock.GetUtcNow()) { KeepWeights = job.KeepWeights, Device = job.Device };
            outcome = Open(attempt, offer: true);
        }
        finally
        {
            turn.Pass();
        }
        await ThrowIfFailedAsync(attempt, outcome, stopping).ConfigureAwait(false);
    }

    /// <summary>Waits for the attempt's outcome; opened before the offer, so an outcome is never missed.</summary>
    private Task<AttemptOutcome> Open(JobMessage attempt, bool offer)
    {
        var outcome = _waiters.Open(attempt.Job.Id, attempt.AttemptToken);
        if (offer) _leases.Offer(attempt);
        return outcome;
    }

    private static async Task ThrowIfFailedAsync(JobMessage attempt, Task<AttemptOutcome> outcome, CancellationToken stopping)
    {
        switch (await outcome.WaitAsync(stopping).ConfigureAwait(false))
        {
            case AttemptOutcome.Failed failed:
                throw new AttemptFailedException(attempt.Job.Id, attempt.Attempt, failed.Kind.IsRetried(), failed.Error);
        }
    }

    private static readonly DeviceKind[] Kinds = Enum.GetValues<DeviceKind>();

    private sealed record Followed(Task Task, DeviceKind Device);

    /// <summary>One job's place in the order of offers: <see cref="Previous"/> completes when the job
    /// dispatched before it has been offered (or will not be), <see cref="Passed"/> when this one has.</summary>
    private sealed class OfferTurn(Task previous)
    {
        private readonly TaskCompletionSource _passed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Previous => previous;
        public Task Passed => _passed.Task;
        public void Pass() => _passed.TrySetResult();
    }

    /// <summary>Stops following cancelled jobs and takes their attempts back: an offered one is never
    /// leased, and a running one's next report (a heartbeat at the latest) is answered "stale", which
    /// stops it on its worker.</summary>
    public void Stop(IEnumerable<string> jobIds, string reason)
    {
        foreach (var jobId in jobIds)
        {
            _leases.Withdraw(jobId);
            _waiters.Abandon(jobId, reason);
        }
    }

    /// <summary>A `sweeps cancel` in another process changes only the store; the jobs it cancelled that
    /// this dispatcher follows are found here, within a poll interval, and stopped.</summary>
    private async Task StopCancelledElsewhereAsync(CancellationToken stopping)
    {
        if (_inFlight.IsEmpty) return;
        try
        {
            var cancelled = await _store.CancelledAmongAsync(_inFlight.Keys.ToList(), stopping).ConfigureAwait(false);
            if (cancelled.Count == 0) return;
            _logger.LogInformation("stopping {Count} job(s) whose sweep was cancelled: {JobIds}", cancelled.Count, string.Join(" ", cancelled.Select(id => id[..Math.Min(12, id.Length)])));
            Stop(cancelled, "sweep cancelled");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "could not check for cancelled jobs; checking again");
        }
    }

    /// <summary>Waits for the attempts being followed to wind down after <c>stopping</c> fired.</summary>
    public Task DrainAsync() => Task.WhenAll(_inFlight.Values.Select(f => f.Task));

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
