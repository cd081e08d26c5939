using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Store.Rows;

namespace Sweeps.Coordinator.Store;

/// <summary>A job row with what the active sweeps containing it ask of its runs: whether any of them
/// keeps the final weights, and whether any asks for a cpu or a cuda device.</summary>
internal sealed class JobWithDemands
{
    public required JobRow Job { get; init; }
    public bool KeepWeights { get; init; }
    public bool WantsCpu { get; init; }
    public bool WantsCuda { get; init; }

    public DeviceKind Device => DeviceKinds.Agreed(WantsCpu, WantsCuda);

    public DispatchableJob ToDispatchable() =>
        new(JobSpec.FromCanonicalJson(Job.SpecJson), Job.Attempts) { KeepWeights = KeepWeights, Device = Device };
}

public sealed partial class SweepStore
{
    /// <summary>The jobs with their demands, computed in the same query.</summary>
    private static IQueryable<JobWithDemands> WithDemands(SweepsDbContext db, IQueryable<JobRow> jobs) =>
        jobs.Select(j => new JobWithDemands
        {
            Job = j,
            KeepWeights = db.SweepJobs.Any(l => l.JobId == j.Id && db.Sweeps.Any(s => s.Id == l.SweepId && !s.Cancelled && s.KeepWeights)),
            WantsCpu = db.SweepJobs.Any(l => l.JobId == j.Id && db.Sweeps.Any(s => s.Id == l.SweepId && !s.Cancelled && s.DeviceKind == "cpu")),
            WantsCuda = db.SweepJobs.Any(l => l.JobId == j.Id && db.Sweeps.Any(s => s.Id == l.SweepId && !s.Cancelled && s.DeviceKind == "cuda")),
        });
}
