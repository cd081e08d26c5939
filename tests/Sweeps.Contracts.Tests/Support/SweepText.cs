using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Contracts.Tests.Support;

/// <summary>Parsing and expanding sweeps from text or fixture files, with datasets resolved by name.</summary>
internal static class SweepText
{
    public static SweepSpec Parse(string yaml, string fileName = "test.yaml") =>
        SweepParser.Parse(yaml, fileName, new NameOnlyDatasetResolver());

    public static List<JobSpec> Expand(string yaml) => GridExpander.Expand(Parse(yaml)).ToList();

    public static IReadOnlyList<SweepError> Errors(string yaml, string fileName = "test.yaml")
    {
        var exception = Assert.Throws<SweepValidationException>(() => Parse(yaml, fileName));
        return exception.Errors;
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string RepositoryFile(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "RepositoryFiles", .. parts]);
}
