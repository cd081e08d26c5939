using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Reports;
using Sweeps.Recsys.Data;
using Sweeps.Worker.Execution;

namespace Sweeps.Cli.Commands.Reporting;

/// <summary>Table 2's statistics of the data files a sweep's jobs were trained on, found by content
/// hash as a worker finds them. A file that is gone leaves its row empty rather than failing the report.</summary>
public static class DatasetFiguresReader
{
    public static IReadOnlyDictionary<string, DatasetFigures> Read(SweepReport report, string dataDirectory)
    {
        var locator = new DatasetLocator([dataDirectory]);
        var loader = new DatasetLoader(DatasetCache.Default());
        var figures = new Dictionary<string, DatasetFigures>(StringComparer.Ordinal);
        foreach (var config in report.Configs.DistinctBy(c => c.Dataset))
        {
            try
            {
                var path = locator.Locate(new JobSpec(config.Dataset, config.DatasetHash, config.Model, config.Parameters, 0));
                var statistics = DatasetStatistics.Compute(loader.Load(path));
                figures[config.Dataset] = new DatasetFigures(statistics.Users, statistics.Items, statistics.Interactions, statistics.AverageLength);
            }
            catch (Exception e) when (e is BadJobDataException or DatasetException or IOException)
            {
                Console.Error.WriteLine($"table 2: no statistics for {config.Dataset} ({e.Message})");
            }
        }
        return figures;
    }
}
