using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Worker.Slots;

/// <param name="Slots">Jobs this worker runs at once.</param>
/// <param name="CheckpointRoot">Parent of every job's checkpoint directory, so a job handed out again
/// resumes where it stopped.</param>
/// <param name="HeartbeatInterval">How often a running job reports when its executor is silent (a long
/// epoch), so the coordinator can tell slow from lost; well inside the coordinator's heartbeat timeout.
/// Also how soon a cancelled job stops: the coordinator answers the next report of a cancelled attempt
/// "stale", so the locally used interval is a second (a heartbeat only renews a lease in memory).</param>
/// <param name="RetryDelay">First backoff of a report that got no answer, and the pause before leasing
/// again after the coordinator could not be reached.</param>
public sealed record WorkerOptions(int Slots, string CheckpointRoot, string WorkerId, TimeSpan HeartbeatInterval, TimeSpan RetryDelay)
{
    /// <summary>How long a stopping worker lets a running job reach the end of its epoch and checkpoint
    /// (<see cref="JobExecutionContext.Draining"/>) before cancelling it outright. In one process it is
    /// short, because Ctrl-C must end a run promptly; a cluster worker sets its own (<c>--stop-grace</c>).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The kind of device the slots train on: they lease only jobs whose sweeps accept it.
    /// <see cref="DeviceKind.Any"/> leases every job (executors that need no device).</summary>
    public DeviceKind Device { get; init; }

    public static WorkerOptions Local(int slots, string checkpointRoot) =>
        new(slots, checkpointRoot, $"{Environment.MachineName}/{Environment.ProcessId}", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));

    public string CheckpointDirectory(string jobId) => Path.Combine(CheckpointRoot, jobId);

    /// <summary>Folder of kept weights (see <see cref="KeptWeights"/>); null on a
    /// worker that keeps none.</summary>
    public string? WeightsRoot { get; init; }

    /// <summary>The weights file of a job whose message asks for it, when this worker keeps weights.</summary>
    public string? WeightsFile(JobMessage message) =>
        message.KeepWeights && WeightsRoot is not null ? KeptWeights.FileIn(WeightsRoot, message.Job.Id) : null;
}
