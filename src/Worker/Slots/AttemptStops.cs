using System.Collections.Concurrent;
using Sweeps.Contracts.Queue;

namespace Sweeps.Worker.Slots;

/// <summary>The attempts a worker holds, each with its own cancellation linked to the worker's
/// shutdown, and the attempts the coordinator asked to stop before they started (so their messages are
/// dropped when they arrive).</summary>
internal sealed class AttemptStops
{
    private const int RememberedStops = 10_000;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _stoppedEarly = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _stopOrder = new();

    /// <summary>Registers an attempt about to run.</summary>
    /// <returns>Its cancellation, or null when it was stopped before it arrived.</returns>
    public CancellationTokenSource? Begin(JobMessage message, CancellationToken stopping)
    {
        if (_stoppedEarly.TryRemove(message.AttemptToken, out _)) return null;
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[message.AttemptToken] = attempt;
        return attempt;
    }

    public void End(JobMessage message)
    {
        if (_running.TryRemove(message.AttemptToken, out var attempt)) attempt.Dispose();
    }

    public void Stop(StopRequest request)
    {
        if (_running.TryGetValue(request.AttemptToken, out var attempt))
        {
            try { attempt.Cancel(); }
            catch (ObjectDisposedException) { /* it ended meanwhile */ }
            return;
        }
        _stoppedEarly[request.AttemptToken] = request.Reason;
        _stopOrder.Enqueue(request.AttemptToken);
        // Requests for attempts this worker never gets (another worker has them) must not pile up.
        while (_stopOrder.Count > RememberedStops && _stopOrder.TryDequeue(out var oldest)) _stoppedEarly.TryRemove(oldest, out _);
    }

    public async Task FollowAsync(IStopRequestStream requests, CancellationToken stopping)
    {
        try
        {
            await foreach (var request in requests.ReadAllAsync(stopping).ConfigureAwait(false)) Stop(request);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The expected end on shutdown.
        }
    }
}
