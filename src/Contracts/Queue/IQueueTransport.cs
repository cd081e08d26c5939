namespace Sweeps.Contracts.Queue;

/// <summary>A transport: the job queue and the event stream it carries. The in-process one serves the
/// embedded run; a broker-backed one serves cluster mode; everything above it is identical.</summary>
public interface IQueueTransport : IAsyncDisposable
{
    IJobQueue Jobs { get; }

    IJobEventStream Events { get; }
}
