using System.Collections.Concurrent;
using System.Threading.Channels;
using Sweeps.Contracts.Attempts;

namespace Sweeps.Coordinator.Leasing;

/// <summary>Attempts the dispatcher has offered and the leases workers hold on them. Workers pull:
/// a lease is taken in one short call, kept alive by the worker's reports and lapses when they stop,
/// so no call ever lasts as long as a training run. Kept in memory only: after a restart the store's
/// Queued/Running rows are adopted back (<see cref="Adopt"/>).</summary>
public sealed class JobLeases(LeaseOptions options, TimeProvider clock)
{
    private readonly Channel<JobMessage> _offered = Channel.CreateUnbounded<JobMessage>();
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
        _offered.Writer.TryWrite(message);
    }

    /// <summary>Up to <paramref name="max"/> offered attempts for one worker; waits at most
    /// <paramref name="wait"/> for the first, then returns what is there (possibly nothing).</summary>
    public async Task<IReadOnlyList<JobMessage>> TakeAsync(string holder, string workerId, int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        var taken = new List<JobMessage>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(wait);
        try
        {
            while (taken.Count < max)
            {
                if (_offered.Reader.TryRead(out var message))
                {
                    _offeredTokens.TryRemove(KeyValuePair.Create(message.Job.Id, message.AttemptToken));
                    if (_withdrawnTokens.TryRemove(message.AttemptToken, out _)) continue;
                    _held[message.Job.Id] = new Lease(message, holder, workerId, clock.GetUtcNow() + options.HeartbeatTimeout);
                    taken.Add(message);
                }
                else if (taken.Count > 0 || !await _offered.Reader.WaitToReadAsync(patience.Token).ConfigureAwait(false))
                    break;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing offered within the wait: the worker asks again.
        }
        return taken;
    }

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
