using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Worker.Execution;

namespace Sweeps.Worker.Executors;

/// <summary>Trains nothing: reports pseudo-metrics that are a pure function of the job (so reruns and
/// resumes are checkable), sleeping <c>noop_sleep_ms</c> in all, spread over its epochs, and ending as
/// <c>noop_outcome</c> says. It checkpoints every epoch, so an interrupted noop job resumes, and a
/// draining one stops at its next epoch's end.
/// Used by tests and by the orchestrator benchmark, where it measures everything but training.</summary>
public sealed class NoopExecutor : IJobExecutor
{
    public const string ModelId = "noop";
    private const string CheckpointFile = "noop-epoch.txt";

    public async Task<RunResult> ExecuteAsync(JobSpec job, JobExecutionContext context, CancellationToken cancellationToken)
    {
        var epochs = Math.Max(1, job.GetInt("epochs", 1));
        var sleepPerEpoch = TimeSpan.FromMilliseconds(job.GetInt("noop_sleep_ms", 0) / (double)epochs);
        switch (job.GetString("noop_outcome", "succeed"))
        {
            case "transient_failure": throw new TransientJobFailure("noop job asked for a transient failure");
            case "deterministic_failure": throw new InvalidJobConfigException("noop job asked for a deterministic failure");
            case "out_of_memory_on_first_attempt" when context.Attempt == 1:
                throw new InsufficientMemoryException("noop job asked for an out-of-memory failure on its first attempt");
        }
        var checkpoint = Path.Combine(context.CheckpointDirectory, CheckpointFile);
        var first = File.Exists(checkpoint) ? ReadEpoch(await File.ReadAllTextAsync(checkpoint, cancellationToken).ConfigureAwait(false)) + 1 : 1;
        var curve = ImmutableArray.CreateBuilder<EpochRecord>(epochs);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var valid = Metrics(job, "valid", epoch, epochs);
            if (epoch >= first && sleepPerEpoch > TimeSpan.Zero)
            {
                await Task.Delay(sleepPerEpoch, cancellationToken).ConfigureAwait(false);
                Directory.CreateDirectory(context.CheckpointDirectory);
                await File.WriteAllTextAsync(checkpoint, epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                context.Progress.Report(new JobProgress(epoch, epochs, Loss(epoch), valid["ndcg@10"]));
                if (epoch < epochs) context.Draining.ThrowIfCancellationRequested();
            }
            curve.Add(new EpochRecord(epoch, Loss(epoch), sleepPerEpoch.TotalSeconds, valid, null));
        }
        var manifest = new RunManifest(CodeVersion.Current, job.DatasetHash, job.ToCanonicalJson(), job.Seed, "none", "none");
        return new RunResult(job.Id, epochs, Metrics(job, "valid", epochs, epochs), Metrics(job, "test", epochs, epochs),
            ParameterCount: 0, TrainSeconds: sleepPerEpoch.TotalSeconds * epochs, Device: "none", curve.MoveToImmutable(), manifest);
    }

    private static int ReadEpoch(string text) =>
        int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var epoch) && epoch >= 0
            ? epoch
            : throw new UnreadableCheckpointException($"checkpoint unreadable ({CheckpointFile} holds no epoch number)");

    private static double Loss(int epoch) => 1.0 / epoch;

    /// <summary>Metrics in [0.1, 0.6), seeded by the job id, growing towards their final value with the epoch.</summary>
    private static MetricSet Metrics(JobSpec job, string split, int epoch, int epochs)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(job.Id + "/" + split));
        var ramp = (double)epoch / epochs;
        double Unit(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(seed.AsSpan(offset)) / (double)uint.MaxValue;
        var hr10 = (0.1 + 0.5 * Unit(0)) * ramp;
        var ndcg10 = hr10 * (0.4 + 0.3 * Unit(4));
        return new MetricSet(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        [
            KeyValuePair.Create("hr@10", hr10),
            KeyValuePair.Create("ndcg@10", ndcg10),
            KeyValuePair.Create("hr@20", Math.Min(1, hr10 * 1.3)),
            KeyValuePair.Create("ndcg@20", ndcg10 * 1.1),
        ]));
    }
}
