namespace Sweeps.Coordinator.Dispatch;

/// <summary>Wakes the dispatch loop when there may be something to do (a submission, a finished job),
/// coalescing many wake-ups into one.</summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already set: one wake-up covers all */ }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
