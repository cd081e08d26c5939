using System.Collections.Concurrent;
using System.Threading.Channels;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;
using Sweeps.Worker.Slots;

namespace Sweeps.Worker.Tests;

/// <summary>A stand-in coordinator for the worker's side of the link: hands out what a test offers,
/// records every report, can refuse the first calls (an unreachable coordinator) and can call an
/// attempt stale (cancelled or handed elsewhere).</summary>
internal sealed class ScriptedCoordinator : ICoordinatorLink
{
    private readonly Channel<JobMessage> _offers = Channel.CreateUnbounded<JobMessage>();
    private int _failuresLeft;

    public Channel<JobEvent> Reports { get; } = Channel.CreateUnbounded<JobEvent>();
    public ConcurrentQueue<JobEvent> All { get; } = new();
    public ConcurrentDictionary<string, byte> StaleTokens { get; } = new();
    public int RefusedCalls;

    public void Offer(JobMessage message) => _offers.Writer.TryWrite(message);

    /// <summary>The next <paramref name="calls"/> reports throw, as a timed-out call would.</summary>
    public void Refuse(int calls) => _failuresLeft = calls;

    public async Task<IReadOnlyList<JobMessage>> LeaseAsync(string workerId, DeviceKind device, int max, CancellationToken cancellationToken)
    {
        await _offers.Reader.WaitToReadAsync(cancellationToken);
        return _offers.Reader.TryRead(out var message) ? [message] : [];
    }

    public Task<bool> ReportAsync(JobEvent report, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref RefusedCalls);
            throw new TimeoutException("coordinator did not answer");
        }
        All.Enqueue(report);
        Reports.Writer.TryWrite(report);
        return Task.FromResult(!StaleTokens.ContainsKey(report.AttemptToken));
    }

    public async Task<T> NextAsync<T>(CancellationToken cancellationToken) where T : JobEvent
    {
        await foreach (var report in Reports.Reader.ReadAllAsync(cancellationToken))
            if (report is T wanted) return wanted;
        throw new InvalidOperationException("reports ended");
    }
}
