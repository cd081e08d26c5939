namespace Sweeps.Contracts.Queue;

/// <summary>A transport: the job queue, the event stream and the stop requests it carries. The in-process one serves the
/// embedded run; a broker-backed one serves cluster mode; everything above it is identical.</summary>
public interface IQueueTransport : IAsyncDisposable
{
    IJobQueue Jobs { get; }

    IJobEventStream Events { get; }

    IStopRequestStream StopRequests { get; }
}
