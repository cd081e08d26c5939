using Sweeps.Contracts.Failures;

namespace Sweeps.Coordinator.Dispatch;

/// <summary>How one dispatched attempt ended, as the dispatcher learns it from the event stream.</summary>
public abstract record AttemptOutcome
{
    public sealed record Succeeded : AttemptOutcome;

    public sealed record Failed(FailureKind Kind, string Error) : AttemptOutcome;

    /// <summary>The job left the dispatcher's hands: cancelled, or its attempt interrupted by a shutdown.</summary>
    public sealed record Abandoned(string Reason) : AttemptOutcome;
}
