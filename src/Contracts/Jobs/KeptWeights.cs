namespace Sweeps.Contracts.Jobs;

/// <summary>Where the final weights of a run kept at its sweep's request live: beside the store, one
/// state file per job id, so they are found from the store alone and outlive the checkpoints.</summary>
public static class KeptWeights
{
    public const string Folder = "weights";

    /// <summary>The weights folder of the store at <paramref name="storePath"/>.</summary>
    public static string RootOf(string storePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, Folder);

    public static string FileIn(string root, string jobId) => Path.Combine(root, jobId + ".swt");
}
