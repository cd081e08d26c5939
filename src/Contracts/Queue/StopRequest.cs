namespace Sweeps.Contracts.Queue;

/// <summary>The coordinator no longer wants an attempt (its sweep was cancelled): the worker running it
/// stops it within seconds, and a worker that has not taken its message yet drops it.</summary>
public sealed record StopRequest(string JobId, string AttemptToken, string Reason);

/// <summary>Stop requests from the coordinator to every worker; each acts on the attempts it holds.</summary>
public interface IStopRequestStream
{
    ValueTask PublishAsync(StopRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<StopRequest> ReadAllAsync(CancellationToken cancellationToken);
}
