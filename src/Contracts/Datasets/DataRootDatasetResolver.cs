namespace Sweeps.Contracts.Datasets;

/// <summary>How sweep files name datasets: by name, inside one data root, so a sweep means the same on a
/// laptop and on a cluster and cannot reach any other file of the machine. <c>Beauty</c> is
/// <c>&lt;root&gt;/Beauty.txt</c>; a name may go down into subfolders (<c>amazon/Beauty</c>) but an
/// absolute path or a <c>..</c> step is refused before anything is read.</summary>
public sealed class DataRootDatasetResolver(string dataRoot, DatasetHashCache? cache = null) : IDatasetResolver
{
    private readonly string _root = Path.GetFullPath(dataRoot);
    private readonly FileDatasetResolver _files = new(Path.GetFullPath(dataRoot), Path.GetFullPath(dataRoot), cache);

    public DatasetResolution Resolve(string reference)
    {
        if (Refusal(reference) is { } problem) return DatasetResolution.Missing(problem);
        var full = Path.GetFullPath(Path.HasExtension(reference) ? reference : reference + FileDatasetResolver.DefaultExtension, _root);
        // Belt and braces: whatever the spelling, the file must lie under the root.
        if (!full.StartsWith(_root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return DatasetResolution.Missing($"dataset '{reference}' is outside the data root");
        return File.Exists(full) ? _files.Resolve(full) : DatasetResolution.Missing($"dataset '{reference}' not found (looked for {full})");
    }

    private static string? Refusal(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return "a dataset name is empty";
        if (Path.IsPathRooted(reference))
            return $"dataset '{reference}' is a path; a sweep names datasets inside the data root (--data), e.g. 'Beauty'";
        if (reference.Split('/', '\\').Any(step => step == ".."))
            return $"dataset '{reference}' steps out with '..'; a sweep names datasets inside the data root (--data)";
        return null;
    }
}
