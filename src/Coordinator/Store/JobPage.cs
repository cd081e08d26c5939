using Sweeps.Coordinator.StateMachine;

namespace Sweeps.Coordinator.Store;

/// <summary>Which jobs of a sweep to list: a window of at most <see cref="MaxLimit"/>, optionally of one state.</summary>
public sealed record JobPage(int Offset, int Limit, JobState? State = null)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public const string Usage = "offset must be ≥ 0, limit between 1 and 10000, state one of Pending, Queued, Running, Succeeded, Failed, DeadLettered, Cancelled";

    public static JobPage All { get; } = new(0, int.MaxValue);

    /// <returns>The page, or null when a value is out of range.</returns>
    public static JobPage? Parse(int? offset, int? limit, string? state)
    {
        JobState? only = null;
        if (state is not null)
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return null;
            only = parsed;
        }
        var page = new JobPage(offset ?? 0, limit ?? DefaultLimit, only);
        return page.Offset >= 0 && page.Limit is >= 1 and <= MaxLimit ? page : null;
    }
}
