using System.Collections.Immutable;
using System.Text.Json;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Recsys.Training;

/// <summary>Everything needed to continue a run after its last completed evaluation: weights and
/// Adam moments (state files named by epoch) and this record, written last, so a crash between the
/// files never leaves a record that points at missing or newer weights.</summary>
/// <param name="BestTestRanks">Per-user test ranks of the selected evaluation, kept so a resumed run
/// still reports them; null in records written before ranks were kept.</param>
public sealed record TrainingCheckpoint(
    int Epoch,
    int? BestEpoch,
    MetricSet? BestValid,
    MetricSet? BestTest,
    int EvaluationsSinceBest,
    double TrainSeconds,
    double EvalSeconds,
    ImmutableArray<EpochRecord> Curve,
    int[]? BestTestRanks = null)
{
    private const string RecordFile = "checkpoint.json";

    public static string ModelFile(string dir, int epoch) => Path.Combine(dir, $"model-{epoch}.swt");
    public static string OptimizerFile(string dir, int epoch) => Path.Combine(dir, $"adam-{epoch}.swt");

    public static TrainingCheckpoint? Load(string dir)
    {
        var path = Path.Combine(dir, RecordFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(path)) : null;
    }

    /// <summary>Writes the record atomically, then deletes the state files of older epochs.</summary>
    public void Save(string dir)
    {
        var path = Path.Combine(dir, RecordFile);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this));
        File.Move(path + ".tmp", path, overwrite: true);
        foreach (var file in Directory.EnumerateFiles(dir, "*.swt"))
        {
            var name = Path.GetFileName(file);
            if (name != Path.GetFileName(ModelFile(dir, Epoch)) && name != Path.GetFileName(OptimizerFile(dir, Epoch)))
                File.Delete(file);
        }
    }
}
