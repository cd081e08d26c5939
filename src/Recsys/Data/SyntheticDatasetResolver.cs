using Sweeps.Contracts.Datasets;

namespace Sweeps.Recsys.Data;

/// <summary>Resolves dataset references like any file resolver, but first writes the project's named
/// synthetic datasets into the data directory when a sweep names one that is not there yet — so the
/// smoke sweep runs on a fresh clone. The files are seeded, hence identical on every machine.</summary>
public sealed class SyntheticDatasetResolver(string dataDirectory, IDatasetResolver inner) : IDatasetResolver
{
    /// <summary>Name → (users, items, shortest, longest sequence); all follow the two-steps-back rule
    /// with 10 % noise, so positional models have something to learn.</summary>
    public static readonly IReadOnlyDictionary<string, (int Users, int Items, int MinLength, int MaxLength)> Known =
        new Dictionary<string, (int, int, int, int)>(StringComparer.Ordinal)
        {
            ["synthetic-small"] = (400, 60, 5, 20),
            ["synthetic-medium"] = (5000, 1000, 5, 60),
        };

    public DatasetResolution Resolve(string reference)
    {
        if (Known.TryGetValue(reference, out var shape))
        {
            var path = Path.Combine(dataDirectory, reference + FileDatasetResolver.DefaultExtension);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(dataDirectory);
                var dataset = SyntheticDataset.Generate(shape.Users, shape.Items, shape.MinLength, shape.MaxLength, seed: 1);
                UserSequenceWriter.Write(dataset, path);
            }
        }
        return inner.Resolve(reference);
    }
}
