using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Submission;
using Sweeps.Recsys.Data;

namespace Sweeps.Cluster.Composition;

/// <summary>Sweep files as the coordinator takes them: parsed, validated and expanded lazily, datasets
/// named inside <paramref name="dataDirectory"/> (the same rule for a local run and a cluster).</summary>
public sealed class YamlSweepReader(string dataDirectory) : ISweepReader
{
    public SweepSubmission Read(string sourceText, string? fallbackName = null) =>
        ToSubmission(Parse(sourceText, fallbackName ?? "submitted.yaml"), sourceText);

    public (SweepSpec Spec, SweepSubmission Submission) ReadFile(string path)
    {
        var text = File.ReadAllText(path);
        var spec = Parse(text, path);
        return (spec, ToSubmission(spec, text));
    }

    private SweepSpec Parse(string text, string fileName)
    {
        try
        {
            var root = Path.GetFullPath(dataDirectory);
            return SweepParser.Parse(text, fileName, new SyntheticDatasetResolver(root, new DataRootDatasetResolver(root)));
        }
        catch (SweepValidationException e)
        {
            throw new SweepRejectedException(e.Message, e);
        }
    }

    private static SweepSubmission ToSubmission(SweepSpec spec, string text) =>
        new(spec.Name, text, spec.Tune, GridExpander.Expand(spec), spec.JobCount) { KeepWeights = spec.Keep.Contains(KeptArtifact.Weights), Device = spec.Device.Kind };
}
