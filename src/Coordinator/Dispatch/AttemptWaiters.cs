using System.Collections.Concurrent;

namespace Sweeps.Coordinator.Dispatch;

/// <summary>The dispatcher's open attempts, one per job, each waiting for its outcome from the event
/// stream. Keyed by job id and checked against the attempt token, so an outcome for an older
/// attempt of the same job cannot complete the current one.</summary>
public sealed class AttemptWaiters
{
    private readonly ConcurrentDictionary<string, Waiter> _open = new(StringComparer.Ordinal);

    public Task<AttemptOutcome> Open(string jobId, string attemptToken)
    {
        var waiter = new Waiter(attemptToken);
        _open[jobId] = waiter;
        return waiter.Completion.Task;
    }

    public void Complete(string jobId, string attemptToken, AttemptOutcome outcome)
    {
        if (_open.TryGetValue(jobId, out var waiter) && waiter.Token == attemptToken
            && _open.TryRemove(KeyValuePair.Create(jobId, waiter)))
            waiter.Completion.TrySetResult(outcome);
    }

    /// <summary>Ends the open attempt of a job whatever its token (the job was cancelled).</summary>
    /// <returns>The token of the attempt ended, or null when none was open.</returns>
    public string? Abandon(string jobId, string reason)
    {
        if (!_open.TryRemove(jobId, out var waiter)) return null;
        waiter.Completion.TrySetResult(new AttemptOutcome.Abandoned(reason));
        return waiter.Token;
    }

    private sealed record Waiter(string Token)
    {
        public TaskCompletionSource<AttemptOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
