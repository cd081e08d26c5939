namespace Sweeps.Worker.Slots;

/// <summary>How many of a pool's slots may hold jobs at once on its device. It starts at the slot count
/// and only goes down: when a job runs out of device memory while k jobs train on the device, the
/// device is allowed k − 1 from then on (never fewer than one). Memory that k jobs did not fit in does
/// not come back later in the same process; a restarted worker tries its configured count again.</summary>
public sealed class DeviceConcurrency(int slots)
{
    private readonly object _gate = new();
    private TaskCompletionSource _placeFreed = NewSignal();
    private int _allowed = slots;
    private int _placesTaken;
    private int _training;

    /// <summary>Slots that may hold a job (leasing or training) at once.</summary>
    public int Allowed
    {
        get { lock (_gate) return _allowed; }
    }

    /// <summary>Waits for a place on the device; a slot holds it while it leases and trains.</summary>
    public async Task<IDisposable> TakePlaceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task freed;
            lock (_gate)
            {
                if (_placesTaken < _allowed)
                {
                    _placesTaken++;
                    return new Release(() => _placesTaken--, signal: true, this);
                }
                freed = _placeFreed.Task;
            }
            await freed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts a job as training on the device until the returned handle is disposed.</summary>
    public IDisposable Training()
    {
        lock (_gate) _training++;
        return new Release(() => _training--, signal: false, this);
    }

    /// <summary>Lowers <see cref="Allowed"/> after an out-of-memory failure of one of the training jobs.</summary>
    /// <returns>The jobs that were training on the device, and the number allowed from now on.</returns>
    public (int Sharing, int Allowed) OnOutOfMemory()
    {
        lock (_gate)
        {
            _allowed = Math.Max(1, Math.Min(_allowed, _training) - 1);
            return (_training, _allowed);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Release(Action undo, bool signal, DeviceConcurrency owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            TaskCompletionSource? freed = null;
            lock (owner._gate)
            {
                undo();
                if (signal) (freed, owner._placeFreed) = (owner._placeFreed, NewSignal());
            }
            freed?.TrySetResult();
        }
    }
}
