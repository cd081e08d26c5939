using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Coordinator.Leasing;

/// <summary>Attempts the dispatcher has offered and the leases workers hold on them. Workers pull:
/// a lease is taken in one short call, kept alive by the worker's reports and lapses when they stop,
/// so no call ever lasts as long as a training run. Kept in memory only: after a restart the store's
/// Queued/Running rows are adopted back (<see cref="Adopt"/>).</summary>
public sealed class JobLeases(LeaseOptions options, TimeProvider clock)
{
    // One queue per device kind a job may need; a worker takes from those it can run. Every offer
    // completes the current signal and replaces it, which wakes the workers waiting on any queue.
    private readonly FrozenDictionary<DeviceKind, ConcurrentQueue<JobMessage>> _offered =
        Enum.GetValues<DeviceKind>().ToFrozenDictionary(kind => kind, _ => new ConcurrentQueue<JobMessage>());
    private TaskCompletionSource _offerSignal = NewSignal();
    private readonly ConcurrentDictionary<string, string> _offeredTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _withdrawnTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lease> _held = new(StringComparer.Ordinal);

    public LeaseOptions Options => options;

    public IReadOnlyCollection<Lease> Held => _held.Values.ToList();

    /// <summary>Offered and not yet taken.</summary>
    public int Waiting => _offeredTokens.Count;

    public void Offer(JobMessage message)
    {
        _offeredTokens[message.Job.Id] = message.AttemptToken;
        _offered[message.Device].Enqueue(message);
        Interlocked.Exchange(ref _offerSignal, NewSignal()).TrySetResult();
    }

    /// <summary>Up to <paramref name="max"/> offered attempts that a worker training on
    /// <paramref name="device"/> can run, oldest offer first; waits at most <paramref name="wait"/> for
    /// the first, then returns what is there (possibly nothing).</summary>
    public async Task<IReadOnlyList<JobMessage>> TakeAsync(string holder, string workerId, DeviceKind device, int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        var queues = _offered.Where(q => device.Runs(q.Key)).Select(q => q.Value).ToArray();
        var taken = new List<JobMessage>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(wait);
        try
        {
            while (taken.Count < max)
            {
                // Read before looking: an offer made after the look completes this signal.
                var offered = Volatile.Read(ref _offerSignal).Task;
                if (TryTakeOldest(queues, out var message))
                {
                    _offeredTokens.TryRemove(KeyValuePair.Create(message.Job.Id, message.AttemptToken));
                    if (_withdrawnTokens.TryRemove(message.AttemptToken, out _)) continue;
                    _held[message.Job.Id] = new Lease(message, holder, workerId, clock.GetUtcNow() + options.HeartbeatTimeout);
                    taken.Add(message);
                }
                else if (taken.Count > 0)
                    break;
                else
                    await offered.WaitAsync(patience.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing offered within the wait: the worker asks again.
        }
        return taken;
    }

    private static bool TryTakeOldest(ConcurrentQueue<JobMessage>[] queues, [MaybeNullWhen(false)] out JobMessage message)
    {
        while (true)
        {
            ConcurrentQueue<JobMessage>? oldest = null;
            DateTimeOffset oldestAt = default;
            foreach (var queue in queues)
                if (queue.TryPeek(out var head) && (oldest is null || head.EnqueuedAt < oldestAt))
                    (oldest, oldestAt) = (queue, head.EnqueuedAt);
            message = null;
            if (oldest is null) return false;
            // Another worker may have taken the head meanwhile: look again.
            if (oldest.TryDequeue(out message)) return true;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds an attempt an earlier coordinator handed out, giving its worker
    /// <see cref="LeaseOptions.AdoptionGrace"/> to report before it lapses
    /// (<see cref="LeaseOptions.UnstartedAdoptionGrace"/> when no worker had reported starting it).</summary>
    public void Adopt(JobMessage message, string workerId, bool started)
    {
        var grace = started ? options.AdoptionGrace : options.UnstartedAdoptionGrace;
        _held[message.Job.Id] = new Lease(message, holder: "", workerId, clock.GetUtcNow() + grace) { Adopted = true, OfferLost = !started };
    }

    /// <summary>Holds a lease again that could not be taken back, so the next round retries it.</summary>
    public void Retain(Lease lease) => _held.TryAdd(lease.JobId, lease);

    /// <summary>A report arrived: renews the lease when it is the job's current attempt.</summary>
    /// <returns>Whether it is; a report of any other attempt is stale.</returns>
    public bool Renew(string jobId, string attemptToken, string holder, string workerId)
    {
        if (!_held.TryGetValue(jobId, out var lease) || lease.AttemptToken != attemptToken) return false;
        lease.Holder = holder;
        lease.WorkerId = workerId;
        lease.Adopted = lease.OfferLost = false;
        lease.DueAt = clock.GetUtcNow() + options.HeartbeatTimeout;
        return true;
    }

    /// <summary>Whether the attempt is the job's current one, leased and not yet reported finished: what
    /// a worker hands over for an attempt (checkpoints, kept weights) is stored only then.</summary>
    public bool Holds(string jobId, string attemptToken) =>
        _held.TryGetValue(jobId, out var lease) && lease.AttemptToken == attemptToken;

    public void Release(string jobId, string attemptToken)
    {
        if (_held.TryGetValue(jobId, out var lease) && lease.AttemptToken == attemptToken)
            _held.TryRemove(KeyValuePair.Create(jobId, lease));
    }

    /// <summary>Takes back the job's attempt whether offered or held (the job was cancelled).</summary>
    public void Withdraw(string jobId)
    {
        if (_offeredTokens.TryRemove(jobId, out var token)) _withdrawnTokens[token] = 0;
        _held.TryRemove(jobId, out _);
    }

    public IReadOnlyList<Lease> Lapsed() => _held.Values.Where(l => l.DueAt < clock.GetUtcNow()).ToList();

    public IReadOnlyList<Lease> HeldBy(string holder) => _held.Values.Where(l => l.Holder == holder).ToList();
}
