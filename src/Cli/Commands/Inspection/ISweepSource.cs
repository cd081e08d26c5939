using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands.Inspection;

/// <summary>What <c>sweeps status</c> and <c>sweeps logs</c> read: a store file on this machine, or a
/// coordinator's HTTP API (a cluster whose store lives on another machine). Read-only either way.</summary>
public interface ISweepSource : IAsyncDisposable
{
    /// <summary>The store's path or the coordinator's address, for messages.</summary>
    string Where { get; }

    /// <summary>The process running the store's jobs, when the source knows of one.</summary>
    string? Owner { get; }

    Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<JobView>> ListJobsAsync(string sweepId, JobState state, CancellationToken cancellationToken);

    Task<SweepReport?> ReportAsync(string sweepId, CancellationToken cancellationToken);

    /// <returns>Null when no job, or more than one, has that id or prefix.</returns>
    Task<JobLog?> JobLogAsync(string idOrPrefix, CancellationToken cancellationToken);
}
