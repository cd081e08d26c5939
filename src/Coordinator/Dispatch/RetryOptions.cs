namespace Sweeps.Coordinator.Dispatch;

/// <summary>How hard a job with transient failures is tried.</summary>
/// <param name="MaxAttempts">Attempts in all, the first included, before a job is dead-lettered.</param>
/// <param name="BaseDelay">Backoff before the first retry; doubled for each further one (with jitter).</param>
public sealed record RetryOptions(int MaxAttempts = 3, TimeSpan? BaseDelay = null, TimeSpan? MaxDelay = null)
{
    public TimeSpan FirstDelay => BaseDelay ?? TimeSpan.FromSeconds(2);
    public TimeSpan LongestDelay => MaxDelay ?? TimeSpan.FromMinutes(2);
}
