using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Store.Rows;

namespace Sweeps.Coordinator.Exchange;

/// <summary>A sweep as JSON Lines: the sweep on the first line, then one job per line in the dump's order
/// (finished jobs in the order they finished, then the rest). The same store always writes the same
/// bytes, and a sweep that has finished more jobs since writes the same lines plus new ones, so an export
/// kept under version control grows by a line per finished job.</summary>
public static class JsonlExchange
{
    public const string Format = "sweeps-export/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectRequiredConstructorParameters = true,
    };

    public static void Write(SweepDump dump, TextWriter writer)
    {
        var sweep = dump.Sweep;
        WriteLine(writer, new SweepLine(Format, sweep.Id, JsonSerializer.Deserialize<string[]>(sweep.TunedJson)!, sweep.Cancelled,
            sweep.CreatedAtMs, sweep.UpdatedAtMs, sweep.SourceText));
        foreach (var job in dump.Jobs) WriteLine(writer, ToLine(job));
    }

    /// <param name="fileName">How errors name the file.</param>
    public static SweepDump Read(TextReader reader, string fileName)
    {
        var lineNumber = 0;
        SweepRow? sweep = null;
        var jobs = new List<JobDump>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                if (sweep is null) sweep = ToSweep(Parse<SweepLine>(text));
                else
                {
                    var job = ToDump(Parse<JobLine>(text));
                    if (!seen.Add(job.Job.Id)) throw new ExchangeFormatException($"job {job.Job.Id} appears twice");
                    jobs.Add(job);
                }
            }
            catch (Exception e) when (e is JsonException or ExchangeFormatException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new ExchangeFormatException($"{fileName}:{lineNumber}: {FirstLine(e.Message)}");
            }
        }
        return sweep is null
            ? throw new ExchangeFormatException($"{fileName}:1: empty export (no sweep line)")
            : new SweepDump(sweep, jobs);
    }

    private static T Parse<T>(string text) =>
        JsonSerializer.Deserialize<T>(text, Options) ?? throw new ExchangeFormatException("a line is null");

    private static void WriteLine<T>(TextWriter writer, T line)
    {
        writer.Write(JsonSerializer.Serialize(line, Options));
        writer.Write('\n');
    }

    private static JobLine ToLine(JobDump dump)
    {
        var (job, result, curve) = dump;
        var spec = Element(job.SpecJson);
        if (result is null)
            return new JobLine(job.Id, job.State.ToString(), spec, job.Attempts, job.CreatedAtMs, job.LastError);
        return new JobLine(job.Id, job.State.ToString(), spec, job.Attempts, job.CreatedAtMs, job.LastError,
            job.WorkerId, job.QueuedAtMs, job.StartedAtMs, job.FinishedAtMs, job.TotalEpochs,
            job.QueueWaitMs, job.StartupMs, job.ReportingMs,
            new ResultLine(result.AttemptToken, result.SelectedEpoch, Metrics(result.ValidJson), Metrics(result.TestJson),
                result.ParameterCount, result.TrainSeconds, result.Device, Element(result.ManifestJson), result.RecordedAtMs,
                result.TestRanks),
            [.. curve.Select(e => new EpochLine(e.Epoch, e.Loss, e.Seconds, MetricsOrNull(e.ValidJson), MetricsOrNull(e.TestJson)))]);
    }

    private static SweepRow ToSweep(SweepLine line)
    {
        if (line.Format != Format)
            throw new ExchangeFormatException($"not a sweeps export of format {Format} (found '{line.Format}')");
        return new SweepRow
        {
            Id = line.Sweep, SourceText = line.Source, TunedJson = JsonSerializer.Serialize(line.Tuned),
            Cancelled = line.Cancelled, CreatedAtMs = line.CreatedAtMs, UpdatedAtMs = line.UpdatedAtMs,
        };
    }

    private static JobDump ToDump(JobLine line)
    {
        var spec = JobSpec.FromCanonicalJson(line.Spec.GetRawText());
        if (spec.Id != line.Job)
            throw new ExchangeFormatException($"job {line.Job}: its spec hashes to {spec.Id}; the line was edited or damaged");
        if (!Enum.TryParse<JobState>(line.State, out var state) || !Enum.IsDefined(state))
            throw new ExchangeFormatException($"job {line.Job}: unknown state '{line.State}'");
        var job = new JobRow
        {
            Id = spec.Id, ConfigId = spec.ConfigId, Dataset = spec.Dataset, Model = spec.Model, Seed = spec.Seed,
            SpecJson = spec.ToCanonicalJson(), State = state, Attempts = line.Attempts, LastError = line.Error,
            AttemptToken = line.Result?.AttemptToken, WorkerId = line.Worker,
            CreatedAtMs = line.CreatedAtMs, QueuedAtMs = line.QueuedAtMs, StartedAtMs = line.StartedAtMs,
            FinishedAtMs = line.FinishedAtMs, CurrentEpoch = line.Result?.SelectedEpoch, TotalEpochs = line.TotalEpochs,
            QueueWaitMs = line.QueueWaitMs, StartupMs = line.StartupMs, ReportingMs = line.ReportingMs,
        };
        if (line.Result is not { } r) return new JobDump(job, null, []);
        var result = new ResultRow
        {
            JobId = spec.Id, AttemptToken = r.AttemptToken, SelectedEpoch = r.SelectedEpoch,
            ValidJson = MetricJson.Write(ToMetrics(r.Valid)), TestJson = MetricJson.Write(ToMetrics(r.Test)),
            ParameterCount = r.ParameterCount, TrainSeconds = r.TrainSeconds, Device = r.Device,
            ManifestJson = r.Manifest.GetRawText(), RecordedAtMs = r.RecordedAtMs, TestRanks = r.TestRanks,
        };
        var curve = (line.Curve ?? []).Select(e => new EpochRow
        {
            JobId = spec.Id, Epoch = e.Epoch, Loss = e.Loss, Seconds = e.Seconds,
            ValidJson = e.Valid is null ? null : MetricJson.Write(ToMetrics(e.Valid)),
            TestJson = e.Test is null ? null : MetricJson.Write(ToMetrics(e.Test)),
        }).ToList();
        return new JobDump(job, result, curve);
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static IReadOnlyDictionary<string, double> Metrics(string json) => MetricJson.Read(json).Values;

    private static IReadOnlyDictionary<string, double>? MetricsOrNull(string? json) => json is null ? null : Metrics(json);

    private static MetricSet ToMetrics(IReadOnlyDictionary<string, double> values) =>
        new(System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, values));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
