using Sweeps.Contracts.Attempts;
using System.Threading.Channels;

namespace Sweeps.Contracts.Queue.InProcess;

/// <summary>The transport of the embedded run: two unbounded channels in one process. The coordinator
/// bounds how many jobs it has in flight, so the job channel never grows past that window.</summary>
public sealed class InProcessTransport : IQueueTransport
{
    private readonly InProcessJobQueue _jobs = new();
    private readonly InProcessEventStream _events = new();

    public IJobQueue Jobs => _jobs;
    public IJobEventStream Events => _events;

    public ValueTask DisposeAsync()
    {
        _jobs.Complete();
        _events.Complete();
        return ValueTask.CompletedTask;
    }
}

internal sealed class InProcessJobQueue : IJobQueue
{
    private readonly Channel<JobMessage> _channel = Channel.CreateUnbounded<JobMessage>();

    public ValueTask PublishAsync(JobMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(message, cancellationToken);

    public async IAsyncEnumerable<JobDelivery> ConsumeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return new Delivery(message, _channel.Writer);
    }

    public void Complete() => _channel.Writer.TryComplete();

    private sealed class Delivery(JobMessage message, ChannelWriter<JobMessage> writer) : JobDelivery(message)
    {
        public override ValueTask AcknowledgeAsync() => ValueTask.CompletedTask;

        public override ValueTask RequeueAsync()
        {
            writer.TryWrite(Message);
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class InProcessEventStream : IJobEventStream
{
    private readonly Channel<JobEvent> _channel = Channel.CreateUnbounded<JobEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ValueTask PublishAsync(JobEvent jobEvent, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(jobEvent, cancellationToken);

    public IAsyncEnumerable<JobEvent> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    public void Complete() => _channel.Writer.TryComplete();
}
