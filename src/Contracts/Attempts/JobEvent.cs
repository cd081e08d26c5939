using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Attempts;

/// <summary>What a worker reports about one attempt. <see cref="AttemptToken"/> ties it to the dispatch
/// it answers, so a late event of a superseded attempt can be recognised and ignored.</summary>
public abstract record JobEvent(string JobId, string AttemptToken, string WorkerId, DateTimeOffset At);

/// <param name="ReceivedAt">When the worker took the message off the queue.</param>
public sealed record JobStarted(string JobId, string AttemptToken, string WorkerId, DateTimeOffset At, DateTimeOffset ReceivedAt)
    : JobEvent(JobId, AttemptToken, WorkerId, At);

/// <summary>Sent while a job is silent (before its first progress report, or in a long epoch), so the
/// coordinator can tell a slow job from a lost one.</summary>
public sealed record JobHeartbeat(string JobId, string AttemptToken, string WorkerId, DateTimeOffset At)
    : JobEvent(JobId, AttemptToken, WorkerId, At);

public sealed record JobProgressed(string JobId, string AttemptToken, string WorkerId, DateTimeOffset At, JobProgress Progress)
    : JobEvent(JobId, AttemptToken, WorkerId, At);

/// <param name="Timing">The worker-side timestamps of the attempt, for the orchestration overhead.</param>
public sealed record JobSucceeded(string JobId, string AttemptToken, string WorkerId, DateTimeOffset At, RunResult Result, AttemptTiming Timing)
    : JobEvent(JobId, AttemptToken, WorkerId, At);

public sealed record JobFailed(string JobId, string AttemptToken, string WorkerId, DateTimeOffset At, FailureKind Kind, string Error)
    : JobEvent(JobId, AttemptToken, WorkerId, At);

/// <summary>Worker-side timestamps: received from the queue, executor entered, executor returned.</summary>
public sealed record AttemptTiming(DateTimeOffset ReceivedAt, DateTimeOffset ExecutorStartedAt, DateTimeOffset ExecutorFinishedAt);
