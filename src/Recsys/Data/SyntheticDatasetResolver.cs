using Sweeps.Contracts.Datasets;

namespace Sweeps.Recsys.Data;

/// <summary>Resolves dataset references like any file resolver, but first writes the project's named
/// synthetic datasets into the data directory when a sweep names one that is not there yet — so the
/// smoke sweep runs on a fresh clone. The files are seeded, hence identical on every machine.</summary>
public sealed class SyntheticDatasetResolver(string dataDirectory, IDatasetResolver inner) : IDatasetResolver
{
    /// <summary>Name → shape and rule. <c>synthetic-positional</c> (the demo's) repeats the item four
    /// steps back, which a model that does not read positions cannot single out; the others repeat the
    /// item two steps back. All with 10 % noise.</summary>
    public static readonly IReadOnlyDictionary<string, SyntheticShape> Known =
        new Dictionary<string, SyntheticShape>(StringComparer.Ordinal)
        {
            ["synthetic-small"] = new(400, 60, 5, 20, SyntheticRule.TwoStepsBack),
            ["synthetic-medium"] = new(5000, 1000, 5, 60, SyntheticRule.TwoStepsBack),
            ["synthetic-positional"] = new(400, 60, 8, 20, SyntheticRule.FourStepsBack),
        };

    public DatasetResolution Resolve(string reference)
    {
        if (Known.TryGetValue(reference, out var shape))
        {
            var path = Path.Combine(dataDirectory, reference + FileDatasetResolver.DefaultExtension);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(dataDirectory);
                var dataset = SyntheticDataset.Generate(shape.Users, shape.Items, shape.MinLength, shape.MaxLength, seed: 1, shape.Rule);
                UserSequenceWriter.Write(dataset, path);
            }
        }
        return inner.Resolve(reference);
    }
}

/// <summary>How a named synthetic dataset is generated (seed 1, 10 % noise).</summary>
public sealed record SyntheticShape(int Users, int Items, int MinLength, int MaxLength, SyntheticRule Rule);
