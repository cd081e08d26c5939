namespace Sweeps.Coordinator.Dispatch;

/// <summary>Thrown inside the retry pipeline when an attempt failed; the pipeline decides from
/// <see cref="Retryable"/> and <see cref="Attempt"/> whether another one follows.</summary>
public sealed class AttemptFailedException(string jobId, int attempt, bool retryable, string error)
    : Exception($"job {jobId} attempt {attempt}: {error}")
{
    public string JobId { get; } = jobId;
    public int Attempt { get; } = attempt;
    public bool Retryable { get; } = retryable;
    public string Error { get; } = error;
}
