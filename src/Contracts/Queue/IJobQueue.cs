using Sweeps.Contracts.Attempts;
namespace Sweeps.Contracts.Queue;

/// <summary>The work queue between coordinator and workers. One message is delivered to one consumer;
/// a delivery that is neither acknowledged nor rejected is redelivered by transports that can tell
/// (a broker seeing a consumer die), which is why ingestion must be idempotent.</summary>
public interface IJobQueue
{
    ValueTask PublishAsync(JobMessage message, CancellationToken cancellationToken);

    /// <summary>Deliveries for one consumer; the sequence ends when the queue is completed or the token fires.</summary>
    IAsyncEnumerable<JobDelivery> ConsumeAsync(CancellationToken cancellationToken);
}

/// <summary>A received message plus how to settle it with the transport.</summary>
public abstract class JobDelivery(JobMessage message)
{
    public JobMessage Message { get; } = message;

    /// <summary>Done with the message (its outcome has been reported).</summary>
    public abstract ValueTask AcknowledgeAsync();

    /// <summary>Give the message back so another consumer takes it (shutdown before it finished).</summary>
    public abstract ValueTask RequeueAsync();
}
