namespace Sweeps.Worker.Transfer;

/// <summary>Bytes of a file from an offset, with the whole file's length; or, with no bytes, why the
/// coordinator refused to serve it.</summary>
public sealed record FileChunk(byte[] Data, long Length, string? Refusal = null)
{
    public static FileChunk Refused(string reason) => new([], 0, reason);
}

/// <summary>A file of a transfer: its plain name (no folder), length and SHA-256 (lower-case hex).</summary>
public sealed record FileEntry(string Name, long Length, string Sha256);

/// <summary>The checkpoint the coordinator holds for a job: taken after <paramref name="Epoch"/>.</summary>
public sealed record StoredCheckpoint(int Epoch, IReadOnlyList<FileEntry> Files);

public enum UploadKind
{
    /// <summary>A job's checkpoint directory; replaces the one the coordinator holds as a whole.</summary>
    Checkpoint,

    /// <summary>A job's kept final weights (one file).</summary>
    Weights,
}

/// <summary>What an upload is for: the coordinator stores it only while <paramref name="AttemptToken"/>
/// is the job's current attempt, so a superseded attempt cannot overwrite its successor's files.</summary>
/// <param name="Epoch">The evaluation a checkpoint was taken after; 0 for weights.</param>
public sealed record Upload(string JobId, string AttemptToken, UploadKind Kind, int Epoch);
