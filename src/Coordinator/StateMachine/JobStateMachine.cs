using System.Collections.Frozen;

namespace Sweeps.Coordinator.StateMachine;

/// <summary>The legal transitions between job states; every state change in the store goes through
/// <see cref="EnsureCanMove"/>, so an illegal one is a bug that surfaces instead of a corrupt row.</summary>
public static class JobStateMachine
{
    private static readonly FrozenDictionary<JobState, JobState[]> Allowed = new Dictionary<JobState, JobState[]>
    {
        [JobState.Pending] = [JobState.Queued, JobState.Cancelled],
        // Queued/Running → Pending: the attempt was interrupted (shutdown, crash) and is re-queued.
        [JobState.Queued] = [JobState.Running, JobState.Failed, JobState.Pending, JobState.Cancelled],
        [JobState.Running] = [JobState.Succeeded, JobState.Failed, JobState.Pending, JobState.Cancelled],
        [JobState.Failed] = [JobState.Pending, JobState.DeadLettered, JobState.Cancelled],
        [JobState.Succeeded] = [],
        // `sweeps retry` gives a dead-lettered job fresh attempts once its cause is fixed.
        [JobState.DeadLettered] = [JobState.Pending],
        // A cancelled job comes back when a sweep that contains it is submitted again.
        [JobState.Cancelled] = [JobState.Pending],
    }.ToFrozenDictionary();

    public static bool CanMove(JobState from, JobState to) => Allowed[from].Contains(to);

    public static void EnsureCanMove(string jobId, JobState from, JobState to)
    {
        if (!CanMove(from, to))
            throw new IllegalTransitionException(jobId, from, to);
    }

    /// <summary>Succeeded, DeadLettered and Cancelled: nothing more happens without a new submission or a retry.</summary>
    public static bool IsSettled(JobState state) =>
        state is JobState.Succeeded or JobState.DeadLettered or JobState.Cancelled;
}

public sealed class IllegalTransitionException(string jobId, JobState from, JobState to)
    : InvalidOperationException($"job {jobId}: illegal transition {from} → {to}")
{
    public JobState From { get; } = from;
    public JobState To { get; } = to;
}
