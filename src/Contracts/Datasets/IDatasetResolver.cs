namespace Sweeps.Contracts.Datasets;

/// <summary>Maps a dataset reference written in a sweep file (a name such as <c>Beauty</c>, or a path)
/// to its identity. Supplied by the caller, so tests can use small generated files and the CLI can
/// generate synthetic datasets on demand.</summary>
public interface IDatasetResolver
{
    DatasetResolution Resolve(string reference);
}

/// <summary>Either an identity or the reason there is none (reported at the reference's position).</summary>
public sealed record DatasetResolution(DatasetIdentity? Identity, string? Problem)
{
    public static DatasetResolution Found(DatasetIdentity identity) => new(identity, null);
    public static DatasetResolution Missing(string problem) => new(null, problem);
}
