using Sweeps.Contracts.Attempts;
namespace Sweeps.Contracts.Queue;

/// <summary>Events from workers back to the coordinator; many publishers, one reader.</summary>
public interface IJobEventStream
{
    ValueTask PublishAsync(JobEvent jobEvent, CancellationToken cancellationToken);

    IAsyncEnumerable<JobEvent> ReadAllAsync(CancellationToken cancellationToken);
}
