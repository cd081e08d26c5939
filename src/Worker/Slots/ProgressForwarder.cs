using System.Threading.Channels;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Queue;

namespace Sweeps.Worker.Slots;

/// <summary>The executor's <see cref="IProgress{T}"/>: forwards progress as events without ever blocking
/// training (only the newest report waits if the transport is slow) and repeats the last one as a
/// heartbeat while the executor is silent.</summary>
internal sealed class ProgressForwarder : IProgress<JobProgress>, IAsyncDisposable
{
    private readonly Channel<JobProgress> _reports = Channel.CreateBounded<JobProgress>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Task _pump;

    public ProgressForwarder(JobMessage message, string workerId, IJobEventStream events, TimeSpan heartbeat, TimeProvider clock) =>
        _pump = PumpAsync(message, workerId, events, heartbeat, clock);

    public void Report(JobProgress value) => _reports.Writer.TryWrite(value);

    private async Task PumpAsync(JobMessage message, string workerId, IJobEventStream events, TimeSpan heartbeat, TimeProvider clock)
    {
        JobProgress? last = null;
        while (true)
        {
            using var silence = new CancellationTokenSource(heartbeat, clock);
            try
            {
                if (!await _reports.Reader.WaitToReadAsync(silence.Token).ConfigureAwait(false)) return;
                _reports.Reader.TryRead(out last);
            }
            catch (OperationCanceledException) when (silence.IsCancellationRequested)
            {
                // Silent for a whole interval: resend the last progress as the heartbeat.
            }
            if (last is not null)
                await events.PublishAsync(new JobProgressed(message.Job.Id, message.AttemptToken, workerId, clock.GetUtcNow(), last), CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reports.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
