namespace Sweeps.Worker.Slots;

/// <param name="Slots">Jobs this worker runs at once.</param>
/// <param name="CheckpointRoot">Parent of every job's checkpoint directory, so a job handed out again
/// resumes where it stopped.</param>
/// <param name="HeartbeatInterval">How often a running job reports when its executor is silent (a long
/// epoch), so the coordinator can tell slow from lost; well inside the coordinator's heartbeat timeout.</param>
/// <param name="RetryDelay">First backoff of a report that got no answer, and the pause before leasing
/// again after the coordinator could not be reached.</param>
public sealed record WorkerOptions(int Slots, string CheckpointRoot, string WorkerId, TimeSpan HeartbeatInterval, TimeSpan RetryDelay)
{
    public static WorkerOptions Local(int slots, string checkpointRoot) =>
        new(slots, checkpointRoot, $"{Environment.MachineName}/{Environment.ProcessId}", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));

    public string CheckpointDirectory(string jobId) => Path.Combine(CheckpointRoot, jobId);
}
