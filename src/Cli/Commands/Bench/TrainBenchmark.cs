using System.Diagnostics;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Evaluation;
using Sweeps.Recsys.Models;
using Sweeps.Recsys.Training;
using Sweeps.Torch;

namespace Sweeps.Cli.Commands.Bench;

/// <summary>Measured speed of training and evaluation, in the peer benchmark's protocol: warm-up
/// steps, then whole epochs timed and averaged, then one full-ranking pass over all users.</summary>
public sealed record TrainBenchmarkResult(
    string Model,
    string Dataset,
    int MaxLen,
    double SecondsPerEpoch,
    double? EvalSeconds,
    double PeakRssMiB,
    double UsefulGflopPerEpoch,
    int StepsPerEpoch,
    RuntimeReport Runtime)
{
    public double UsefulGflops => UsefulGflopPerEpoch / SecondsPerEpoch;
}

public static class TrainBenchmark
{
    public static TrainBenchmarkResult Run(string datasetPath, ModelOptions shape, TrainingOptions training, int warmupSteps, int epochs, bool evaluate)
    {
        var split = LeaveOneOutSplit.Create(new DatasetLoader(DatasetCache.Default()).Load(datasetPath));
        var options = shape with { Items = split.ItemCount };
        torch.manual_seed(1);
        using var model = ModelFactory.Create(options);
        using var runner = new EpochRunner(model, split, training, Device.CPU);
        runner.RunEpoch(0, CancellationToken.None, maxSteps: warmupSteps);

        var before = runner.ScoredTargets;
        var clock = Stopwatch.StartNew();
        for (var epoch = 1; epoch <= epochs; epoch++) runner.RunEpoch(epoch, CancellationToken.None);
        var secondsPerEpoch = clock.Elapsed.TotalSeconds / epochs;
        var targetsPerEpoch = (runner.ScoredTargets - before) / (double)epochs;

        double? evalSeconds = null;
        if (evaluate)
        {
            clock.Restart();
            new FullRankingEvaluator(split).Ranks(model, EvalStage.Test, split.EvaluatedUsers);
            evalSeconds = clock.Elapsed.TotalSeconds;
        }
        var flop = UsefulFlop(options, targetsPerEpoch, (long)runner.StepsPerEpoch * training.Batch);
        return new TrainBenchmarkResult(options.Model, Path.GetFileNameWithoutExtension(datasetPath), options.MaxLen,
            secondsPerEpoch, evalSeconds, ProcessMemory.PeakResidentMiB(), flop / 1e9, runner.StepsPerEpoch, RuntimeReport.Collect());
    }

    /// <summary>Multiply-adds the model cannot avoid, ×2 for FLOPs and ×3 for forward + two backward
    /// products: logits only at real targets (T·V·d), and per sequence and block the value
    /// projection (n·d²), the mixing (n²·d), the FFN (2·n·d·f), plus Q and K (2·n·d² + n²·d) for
    /// content attention.</summary>
    private static double UsefulFlop(ModelOptions o, double targets, long sequences)
    {
        double n = o.MaxLen, d = o.Hidden, f = o.FfnInner;
        var perBlock = n * d * d + n * n * d + 2 * n * d * f;
        if (o.Model is "sasrec" or "linear_attention") perBlock += 2 * n * d * d + n * n * d;
        return 6 * (targets * o.Items * d + sequences * o.Blocks * perBlock);
    }
}
