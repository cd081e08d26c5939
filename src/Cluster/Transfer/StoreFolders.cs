namespace Sweeps.Cluster.Transfer;

/// <summary>The folders beside a store that hold what its jobs' workers wrote: one process's worker
/// writes there itself, a cluster's workers upload there.</summary>
public static class StoreFolders
{
    /// <summary><c>&lt;store dir&gt;/checkpoints</c>, one directory per job id.</summary>
    public static string Checkpoints(string storePath) => Path.Combine(DirectoryOf(storePath), "checkpoints");

    /// <summary><c>&lt;store dir&gt;/.incoming</c>: uploads being received, dropped when the coordinator starts.</summary>
    public static string Incoming(string storePath) => Path.Combine(DirectoryOf(storePath), ".incoming");

    private static string DirectoryOf(string storePath) => Path.GetDirectoryName(Path.GetFullPath(storePath))!;
}
