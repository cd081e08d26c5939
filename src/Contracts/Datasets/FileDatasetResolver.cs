namespace Sweeps.Contracts.Datasets;

/// <summary>Resolves dataset references to files. A bare name (<c>Beauty</c>) means
/// <c>&lt;dataDirectory&gt;/Beauty.txt</c>; anything with a directory separator or an extension is a path,
/// relative to <paramref name="baseDirectory"/> (usually the sweep file's folder). The dataset's name is
/// the file name without extension, so a name and a path to the same file give the same jobs.</summary>
public sealed class FileDatasetResolver(string dataDirectory, string baseDirectory, DatasetHashCache? cache = null)
    : IDatasetResolver
{
    public const string DefaultExtension = ".txt";

    private readonly DatasetHashCache _cache = cache ?? DatasetHashCache.Shared;

    public DatasetResolution Resolve(string reference)
    {
        var path = IsPath(reference)
            ? Path.GetFullPath(reference, baseDirectory)
            : Path.GetFullPath(reference + DefaultExtension, dataDirectory);
        if (!File.Exists(path))
            return DatasetResolution.Missing($"dataset '{reference}' not found (looked for {path})");
        try
        {
            return DatasetResolution.Found(
                new DatasetIdentity(Path.GetFileNameWithoutExtension(path), path, _cache.Hash(path)));
        }
        catch (IOException e)
        {
            return DatasetResolution.Missing($"dataset '{reference}' cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return DatasetResolution.Missing($"dataset '{reference}' cannot be read: {e.Message}");
        }
    }

    public static bool IsPath(string reference) =>
        reference.Contains('/') || reference.Contains('\\') || Path.HasExtension(reference);
}
