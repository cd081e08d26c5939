namespace Sweeps.Coordinator.Leasing;

/// <summary>How long the coordinator trusts a worker it has not heard from.</summary>
/// <param name="HeartbeatTimeout">A leased job not heard from for this long is handed out again (a hung
/// worker); several of the worker's heartbeat intervals, so one slow call is not a death.</param>
/// <param name="AdoptionGrace">At start, how long a job an earlier coordinator left Running waits for
/// its worker to report before it goes back to Pending. Zero where no worker can have outlived the
/// coordinator (one process): such jobs go back at once.</param>
/// <param name="UnstartedAdoptionGrace">The same for a job left Queued: most were only offered, and
/// the offer died with the earlier coordinator, so nobody will report them; a worker that did take one
/// (its start report lost in the crash) reports every second and is heard from well within this.</param>
public sealed record LeaseOptions(TimeSpan HeartbeatTimeout, TimeSpan AdoptionGrace, TimeSpan UnstartedAdoptionGrace)
{
    /// <summary>A job is given up (dead-lettered) when its worker has been lost this many times while
    /// running it: a job that crashes its worker process (a native fault, the kernel's out-of-memory
    /// killer) would otherwise take down every worker of the cluster in turn.</summary>
    public int WorkerLossLimit { get; init; } = 3;

    public static LeaseOptions OneProcess { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.Zero, TimeSpan.Zero);

    public static LeaseOptions Cluster { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15));

    /// <summary>The shortest time after which some lease can lapse: how often lapses are looked for.</summary>
    public TimeSpan Shortest => new[] { HeartbeatTimeout, AdoptionGrace, UnstartedAdoptionGrace }.Where(t => t > TimeSpan.Zero).Min();
}
