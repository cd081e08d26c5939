using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Submission;
using Sweeps.Recsys.Data;

namespace Sweeps.Cluster.Composition;

/// <summary>Sweep files as the coordinator takes them: parsed, validated and expanded lazily, datasets
/// resolved against <paramref name="dataDirectory"/> (bare names) or <paramref name="baseDirectory"/> (paths).</summary>
public sealed class YamlSweepReader(string dataDirectory, string baseDirectory) : ISweepReader
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
            var files = new FileDatasetResolver(Path.GetFullPath(dataDirectory), Path.GetFullPath(baseDirectory));
            return SweepParser.Parse(text, fileName, new SyntheticDatasetResolver(Path.GetFullPath(dataDirectory), files));
        }
        catch (SweepValidationException e)
        {
            throw new SweepRejectedException(e.Message, e);
        }
    }

    private static SweepSubmission ToSubmission(SweepSpec spec, string text) =>
        new(spec.Name, text, spec.Tune, GridExpander.Expand(spec));
}
