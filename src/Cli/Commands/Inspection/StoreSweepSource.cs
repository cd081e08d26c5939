using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Store.Ownership;

namespace Sweeps.Cli.Commands.Inspection;

/// <summary>A store file, opened read-only, so it can be read while another process runs it.</summary>
public sealed class StoreSweepSource(string path) : ISweepSource
{
    private readonly SweepStore _store = OrchestrationOptions.OpenExisting(path);

    public string Where => path;

    public string? Owner => StoreLock.IsHeld(path) ? StoreLock.ReadOwner(path)?.ToString() ?? "another process" : null;

    public Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken) => _store.ListSweepsAsync(cancellationToken);

    public Task<IReadOnlyList<JobView>> ListJobsAsync(string sweepId, JobState state, CancellationToken cancellationToken) =>
        _store.ListJobsAsync(sweepId, new JobPage(0, JobPage.MaxLimit, state), cancellationToken);

    public Task<SweepReport?> ReportAsync(string sweepId, CancellationToken cancellationToken) =>
        new SweepReports(_store).BuildAsync(sweepId, cancellationToken: cancellationToken);

    public Task<JobLog?> JobLogAsync(string idOrPrefix, CancellationToken cancellationToken) => _store.LoadJobLogAsync(idOrPrefix, cancellationToken);

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
