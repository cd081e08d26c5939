using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Api;

/// <summary>A sweep in list responses: state counts by name, so clients need not know the enum.</summary>
public sealed record SweepDto(string Id, bool Cancelled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Total,
    IReadOnlyDictionary<string, int> States)
{
    public static SweepDto From(SweepSummary s) => new(s.Id, s.Cancelled, s.CreatedAt, s.UpdatedAt, s.Total,
        s.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value));
}

/// <summary>A sweep with one page of its jobs: <see cref="Total"/> jobs match, <see cref="Jobs"/> are
/// those from <see cref="Offset"/> on, at most <see cref="Limit"/>.</summary>
public sealed record SweepDetailDto(SweepDto Sweep, IReadOnlyList<JobView> Jobs, int Offset, int Limit, int Total)
{
    /// <summary>A sweep with all its jobs on one page.</summary>
    public SweepDetailDto(SweepDto sweep, IReadOnlyList<JobView> jobs) : this(sweep, jobs, 0, jobs.Count, jobs.Count) { }
}
