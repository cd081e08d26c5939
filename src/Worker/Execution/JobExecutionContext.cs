using Sweeps.Contracts.Jobs;

namespace Sweeps.Worker.Execution;

/// <summary>What an executor gets besides the job.</summary>
/// <param name="CheckpointDirectory">The job's own directory, stable across attempts and restarts
/// (<c>&lt;checkpoint root&gt;/&lt;job id&gt;</c>): write checkpoints here and resume from them.
/// Not created in advance; an executor that checkpoints creates it. A cluster worker may add a
/// <c>.sweeps-checkpoint.json</c> file there (which evaluation the coordinator holds a copy of).</param>
/// <param name="Progress">Epoch-level progress; it doubles as the job's heartbeat. Report an epoch
/// after its checkpoint is written: a cluster worker copies the checkpoint directory at that moment
/// and sends the copy to the coordinator.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, and so on.</param>
public sealed record JobExecutionContext(string CheckpointDirectory, IProgress<JobProgress> Progress, int Attempt, string WorkerId)
{
    /// <summary>Where to save the model's final state when the job's sweep keeps weights; null otherwise.</summary>
    public string? WeightsFile { get; init; }

    /// <summary>Fires when the worker is asked to stop (a signal, a preempted node): finish the current
    /// epoch, checkpoint it and stop by throwing <see cref="OperationCanceledException"/>, so the next
    /// attempt resumes from there. The execution's own cancellation token follows after the worker's
    /// stop grace, for executors that cannot reach an epoch's end in time.</summary>
    public CancellationToken Draining { get; init; }

    /// <summary>The attempt's token: what the worker hands the coordinator for this attempt (checkpoints,
    /// kept weights) is stored only while the attempt is the job's current one.</summary>
    public string AttemptToken { get; init; } = "";

    /// <summary>Fetches the datasets no data directory of this worker holds; null where there is no
    /// other place to look (one machine).</summary>
    public IDatasetSource? Datasets { get; init; }
}
