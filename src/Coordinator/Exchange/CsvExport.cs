using System.Globalization;
using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Exchange;

/// <summary>A sweep as one CSV row per job, for pandas and R: identity, every hyperparameter as its own
/// column, state, the selected epoch's validation and test metrics (<c>valid_hr@10</c>, <c>test_ndcg@10</c>…)
/// and timings. Empty cells where a job has no result. One way only: import reads JSON Lines.</summary>
public static class CsvExport
{
    public static void Write(SweepDump dump, TextWriter writer)
    {
        // Complete configurations: an option a job names only off its default still gets its column.
        var configurations = dump.Jobs.Select(j => ModelDefaults.Complete(JobSpec.FromCanonicalJson(j.Job.SpecJson))).ToList();
        var parameters = configurations.SelectMany(c => c.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var valid = dump.Jobs.Select(j => j.Result is null ? null : MetricJson.Read(j.Result.ValidJson)).ToList();
        var test = dump.Jobs.Select(j => j.Result is null ? null : MetricJson.Read(j.Result.TestJson)).ToList();
        var metrics = valid.Concat(test).Where(m => m is not null).SelectMany(m => m!.Values.Keys)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        WriteRow(writer, ["job", "config", "dataset", "model", "seed", .. parameters, "state", "selected_epoch",
            .. metrics.Select(m => "valid_" + m), .. metrics.Select(m => "test_" + m),
            "train_seconds", "parameter_count", "device", "finished_at", "has_ranks"]);
        for (var i = 0; i < dump.Jobs.Count; i++)
        {
            var (job, result, _) = dump.Jobs[i];
            var configuration = configurations[i];
            WriteRow(writer, [job.Id, job.ConfigId, job.Dataset, job.Model, Number(job.Seed),
                .. parameters.Select(p => configuration.TryGetValue(p, out var v) ? v.ToString() : ""),
                job.State.ToString(), result is null ? "" : Number(result.SelectedEpoch),
                .. metrics.Select(m => Metric(valid[i], m)), .. metrics.Select(m => Metric(test[i], m)),
                result is null ? "" : Number(result.TrainSeconds), result is null ? "" : Number(result.ParameterCount),
                result?.Device ?? "",
                job.FinishedAtMs is { } at && result is not null ? DateTimeOffset.FromUnixTimeMilliseconds(at).ToString("u", CultureInfo.InvariantCulture) : "",
                result is null ? "" : result.TestRanks is null ? "false" : "true"]);
        }
    }

    private static string Metric(MetricSet? set, string name) =>
        set is not null && set.Values.TryGetValue(name, out var v) ? Number(v) : "";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteRow(TextWriter writer, IEnumerable<string> cells)
    {
        writer.Write(string.Join(',', cells.Select(CsvCells.Quote)));
        writer.Write('\n');
    }
}
