namespace Sweeps.Recsys.Data;

/// <param name="KCore">Minimum interactions per user and per item after filtering (the paper keeps 5).</param>
public sealed record PreparationOptions(DatasetFormat? Format = null, int KCore = 5, DateOnly? MinDate = null);

/// <summary>Raw file → k-core → ids 1..N by first appearance → layout <c>user item item …</c>, the pipeline
/// behind <c>sweeps datasets prepare</c>.</summary>
public static class DatasetPreparation
{
    public static InteractionDataset Prepare(string input, string output, PreparationOptions options, DatasetCache? cache = null)
    {
        var raw = new DatasetLoader(cache).Load(input, options.Format, new DatasetReadOptions(options.MinDate));
        var filtered = KCoreFilter.Apply(raw, options.KCore);
        if (filtered.InteractionCount == 0)
            throw new DatasetException($"{input}: nothing is left after {options.KCore}-core filtering");
        var prepared = IdRemapper.ByFirstAppearance(filtered);
        UserSequenceWriter.Write(prepared, output);
        return prepared;
    }
}
