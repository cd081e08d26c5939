using Sweeps.Cli.Commands.Bench;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using Sweeps.Recsys.Training;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps bench train</c> on a generated dataset: whole epochs of the right number of
/// steps, an evaluation pass, and a FLOP count that follows the models' shapes.</summary>
public sealed class TrainBenchmarkTests
{
    private static string Dataset()
    {
        var dir = Directory.CreateTempSubdirectory("sweeps-bench-train-").FullName;
        var path = Path.Combine(dir, "generated.txt");
        UserSequenceWriter.Write(SyntheticDataset.Generate(300, 60, 5, 30, 1, SyntheticRule.TwoStepsBack, 0.1), path);
        return path;
    }

    private static ModelOptions Shape(string model) =>
        new() { Model = model, Items = 0, MaxLen = 20, K = 5, Hidden = 16, FfnInner = 16, Dropout = 0.2 };

    [Fact]
    public void Times_whole_epochs_and_an_evaluation_pass()
    {
        var result = TrainBenchmark.Run(Dataset(), Shape("fparec"), new TrainingOptions { Seed = 1 }, warmupSteps: 1, epochs: 1, evaluate: true);

        Assert.Equal((int)Math.Ceiling(300 / 128.0), result.StepsPerEpoch);
        Assert.True(result.SecondsPerEpoch > 0);
        Assert.True(result.EvalSeconds > 0);
        Assert.True(result.PeakRssMiB > 50, $"peak RSS {result.PeakRssMiB} MiB");
        Assert.True(result.UsefulGflops > 0);
    }

    [Fact]
    public void Content_attention_counts_the_query_and_key_work_that_positional_attention_skips()
    {
        var path = Dataset();
        var positional = TrainBenchmark.Run(path, Shape("fparec"), new TrainingOptions { Seed = 1 }, warmupSteps: 0, epochs: 1, evaluate: false);
        var content = TrainBenchmark.Run(path, Shape("sasrec"), new TrainingOptions { Seed = 1 }, warmupSteps: 0, epochs: 1, evaluate: false);

        Assert.Null(positional.EvalSeconds);
        Assert.True(content.UsefulGflopPerEpoch > positional.UsefulGflopPerEpoch,
            $"sasrec {content.UsefulGflopPerEpoch} GFLOP vs fparec {positional.UsefulGflopPerEpoch}");
    }
}
