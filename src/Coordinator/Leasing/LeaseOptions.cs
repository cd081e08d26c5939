namespace Sweeps.Coordinator.Leasing;

/// <summary>How long the coordinator trusts a worker it has not heard from.</summary>
/// <param name="HeartbeatTimeout">A leased job not heard from for this long is handed out again (a hung
/// worker); several of the worker's heartbeat intervals, so one slow call is not a death.</param>
/// <param name="AdoptionGrace">At start, how long a job an earlier coordinator left Queued or Running
/// waits for its worker to report before it goes back to Pending. Zero where no worker can have
/// outlived the coordinator (one process): such jobs go back at once.</param>
public sealed record LeaseOptions(TimeSpan HeartbeatTimeout, TimeSpan AdoptionGrace)
{
    /// <summary>A job is given up (dead-lettered) when its worker has been lost this many times while
    /// running it: a job that crashes its worker process (a native fault, the kernel's out-of-memory
    /// killer) would otherwise take down every worker of the cluster in turn.</summary>
    public int WorkerLossLimit { get; init; } = 3;

    public static LeaseOptions OneProcess { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.Zero);

    public static LeaseOptions Cluster { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));
}
