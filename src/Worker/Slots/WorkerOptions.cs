namespace Sweeps.Worker.Slots;

/// <param name="Slots">Jobs this worker runs at once.</param>
/// <param name="CheckpointRoot">Parent of every job's checkpoint directory; shared storage in a cluster,
/// so a job redelivered to another worker resumes where it stopped.</param>
/// <param name="HeartbeatInterval">How often a running job's last progress is re-sent when its
/// executor reports nothing (a long epoch), so the coordinator can tell slow from lost.</param>
public sealed record WorkerOptions(int Slots, string CheckpointRoot, string WorkerId, TimeSpan HeartbeatInterval)
{
    public static WorkerOptions Local(int slots, string checkpointRoot) =>
        new(slots, checkpointRoot, $"{Environment.MachineName}/{Environment.ProcessId}", TimeSpan.FromSeconds(30));

    public string CheckpointDirectory(string jobId) => Path.Combine(CheckpointRoot, jobId);
}
