using System.Text.Json;

namespace Sweeps.Worker.Transfer;

/// <summary>Which evaluation a checkpoint directory's copy at the coordinator holds, and its files:
/// written by the coordinator into the copy it stores, and by a worker into its own directory once the
/// coordinator has a copy of it. A worker downloads the coordinator's copy only when its marker names a
/// later epoch than the local one (a directory without a marker counts as older).</summary>
public sealed record CheckpointMarker(int Epoch, IReadOnlyList<FileEntry> Files)
{
    /// <summary>Starts with a dot: never taken for one of the executor's files, never uploaded as one.</summary>
    public const string FileName = ".sweeps-checkpoint.json";

    /// <returns>The directory's marker, or null when it has none or it cannot be read.</returns>
    public static CheckpointMarker? Read(string directory)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointMarker>(File.ReadAllText(Path.Combine(directory, FileName)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the marker under a temporary name and renames it, so it is whole or absent.</summary>
    public void Write(string directory)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
