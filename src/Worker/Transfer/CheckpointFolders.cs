namespace Sweeps.Worker.Transfer;

/// <summary>Puts a complete checkpoint directory in place of a job's: the old one is renamed aside,
/// the new one renamed in, the old one deleted. Renames within one file system are atomic, so the
/// job's directory is at every moment the old copy, the new copy, or (after a crash between the two
/// renames) absent, and never a half-written copy.</summary>
public static class CheckpointFolders
{
    /// <param name="complete">A directory on the same file system, every file written.</param>
    public static void Replace(string target, string complete)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(parent);
        string? aside = null;
        if (Directory.Exists(target))
        {
            aside = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.old");
            Directory.Move(target, aside);
        }
        Directory.Move(complete, target);
        if (aside is not null) Directory.Delete(aside, recursive: true);
    }
}
