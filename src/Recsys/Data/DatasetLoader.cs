namespace Sweeps.Recsys.Data;

/// <summary>Reads a dataset file in any supported layout, through the binary cache when one is given.</summary>
public sealed class DatasetLoader(DatasetCache? cache)
{
    /// <param name="format">Null to detect the layout from the file's first lines.</param>
    /// <exception cref="DatasetException">Missing file, malformed line, or no interactions.</exception>
    public InteractionDataset Load(string path, DatasetFormat? format = null, DatasetReadOptions? options = null)
    {
        options ??= DatasetReadOptions.Default;
        if (!File.Exists(path))
            throw new DatasetException($"{path}: no such file");
        var key = cache is null ? null : DatasetCache.KeyFor(path, format is { } f ? DatasetFormatNames.ToName(f) : "auto", options);
        if (key is not null && cache!.TryLoad(key, out var cached))
            return cached;

        var dataset = DatasetReaders.For(format ?? DatasetFormatDetector.Detect(path)).Read(path, options);
        if (dataset.InteractionCount == 0)
            throw new DatasetException($"{path}: no interactions (empty file, or everything was before the minimum date)");
        if (key is not null)
            TryStore(key, dataset);
        return dataset;
    }

    // A read-only or full cache folder must not stop a load that already succeeded.
    private void TryStore(string key, InteractionDataset dataset)
    {
        try
        {
            cache!.Store(key, dataset);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
