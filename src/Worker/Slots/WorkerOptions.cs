using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Queue;

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

    /// <summary>Folder of kept weights (see <see cref="KeptWeights"/>); null on a
    /// worker that keeps none.</summary>
    public string? WeightsRoot { get; init; }

    /// <summary>The weights file of a job whose message asks for it, when this worker keeps weights.</summary>
    public string? WeightsFile(JobMessage message) =>
        message.KeepWeights && WeightsRoot is not null ? KeptWeights.FileIn(WeightsRoot, message.Job.Id) : null;
}
