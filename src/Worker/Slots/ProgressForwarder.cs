using System.Threading.Channels;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Worker.Slots;

/// <summary>The executor's <see cref="IProgress{T}"/>: forwards progress as reports without ever
/// blocking training (only the newest report waits if the coordinator is slow) and sends a heartbeat
/// whenever the executor is silent for an interval. A report the coordinator calls stale cancels
/// <see cref="Superseded"/>: the attempt was cancelled or handed to another worker.</summary>
internal sealed class ProgressForwarder : IProgress<JobProgress>, IAsyncDisposable
{
    private readonly Channel<JobProgress> _reports = Channel.CreateBounded<JobProgress>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _superseded = new();
    private readonly Task _pump;

    public ProgressForwarder(JobMessage message, string workerId, Func<JobEvent, Task<bool>> report, TimeSpan heartbeat, TimeProvider clock) =>
        _pump = PumpAsync(message, workerId, report, heartbeat, clock);

    public CancellationToken Superseded => _superseded.Token;

    public void Report(JobProgress value) => _reports.Writer.TryWrite(value);

    private async Task PumpAsync(JobMessage message, string workerId, Func<JobEvent, Task<bool>> report, TimeSpan heartbeat, TimeProvider clock)
    {
        while (true)
        {
            JobProgress? progress = null;
            using var silence = new CancellationTokenSource(heartbeat, clock);
            try
            {
                if (!await _reports.Reader.WaitToReadAsync(silence.Token).ConfigureAwait(false)) return;
                _reports.Reader.TryRead(out progress);
            }
            catch (OperationCanceledException) when (silence.IsCancellationRequested)
            {
                // Silent for a whole interval: a heartbeat instead.
            }
            JobEvent next = progress is null
                ? new JobHeartbeat(message.Job.Id, message.AttemptToken, workerId, clock.GetUtcNow())
                : new JobProgressed(message.Job.Id, message.AttemptToken, workerId, clock.GetUtcNow(), progress);
            if (!await report(next).ConfigureAwait(false)) await _superseded.CancelAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reports.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        _superseded.Dispose();
    }
}
