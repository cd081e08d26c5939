using Sweeps.Contracts.Attempts;

namespace Sweeps.Coordinator.Leasing;

/// <summary>One attempt a worker holds. <see cref="Holder"/> names the worker's process as cluster
/// membership knows it, so the attempt can be reclaimed when membership declares that process dead.</summary>
public sealed class Lease(JobMessage message, string holder, string workerId, DateTimeOffset dueAt)
{
    public JobMessage Message { get; } = message;
    public string JobId => Message.Job.Id;
    public string AttemptToken => Message.AttemptToken;
    public string Holder { get; internal set; } = holder;
    public string WorkerId { get; internal set; } = workerId;

    /// <summary>Taken over from an earlier coordinator and not reported on since.</summary>
    public bool Adopted { get; internal set; }

    /// <summary>Adopted while Queued, and not reported on since: most likely only offered, the offer
    /// lost with the earlier coordinator.</summary>
    public bool OfferLost { get; internal set; }

    /// <summary>When the lease lapses unless the worker reports again.</summary>
    public DateTimeOffset DueAt { get; internal set; } = dueAt;
}
