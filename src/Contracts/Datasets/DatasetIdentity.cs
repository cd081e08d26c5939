namespace Sweeps.Contracts.Datasets;

/// <summary>A dataset as a job sees it: the name shown in tables, where the file is, and the SHA-256
/// (lower-case hex) of its content, which is what identifies the data in a job's id.</summary>
public sealed record DatasetIdentity(string Name, string Path, string Sha256);
