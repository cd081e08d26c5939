using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sweeps.Contracts.Catalog;
using Sweeps.Recsys.Models;
using Sweeps.Recsys.Training;

namespace Sweeps.Cli.Commands.Bench;

/// <summary><c>sweeps bench train</c>: seconds per epoch, evaluation seconds, peak RSS and useful
/// GFLOP/s of one model on one dataset (d 50, 2 blocks, batch 128, dropout 0.5 unless told).</summary>
public static class TrainBench
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset file.", Required = true };
        var model = new Option<string>("--model") { Description = "Model id.", DefaultValueFactory = _ => "fparec" };
        var maxlen = new Option<int>("--maxlen") { DefaultValueFactory = _ => ModelDefaults.Generic("maxlen").AsInt32() };
        var k = new Option<int>("--k") { Description = "FPARec rank.", DefaultValueFactory = _ => ModelDefaults.Generic("k").AsInt32() };
        var dropout = new Option<double>("--dropout") { DefaultValueFactory = _ => ModelDefaults.Generic("dropout").AsDouble() };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 20 };
        var epochs = new Option<int>("--epochs") { Description = "Timed epochs.", DefaultValueFactory = _ => 2 };
        var noEval = new Option<bool>("--no-eval") { Description = "Skip the evaluation pass." };
        var stepShards = new Option<int>("--step-shards") { Description = "Shards per step (the step_shards option).", DefaultValueFactory = _ => ModelDefaults.Generic("step_shards").AsInt32() };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("train", "Training and evaluation speed of one model on one dataset.")
        {
            dataset, model, maxlen, k, dropout, warmup, epochs, noEval, stepShards, json,
        };
        command.SetAction(parse =>
        {
            var shape = new ModelOptions { Model = parse.GetValue(model)!, Items = 0, MaxLen = parse.GetValue(maxlen), K = parse.GetValue(k), Dropout = parse.GetValue(dropout) };
            var training = new TrainingOptions { Seed = 1, StepShards = parse.GetValue(stepShards) };
            var r = TrainBenchmark.Run(parse.GetValue(dataset)!, shape, training, parse.GetValue(warmup), parse.GetValue(epochs), !parse.GetValue(noEval));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(r, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"{r.Model} on {r.Dataset}, maxlen {r.MaxLen}: {r.SecondsPerEpoch:F2} s/epoch ({r.StepsPerEpoch} steps), eval pass {(r.EvalSeconds is { } eval ? eval.ToString("F2", c) + " s" : "skipped")}, peak RSS {r.PeakRssMiB:F0} MiB, useful {r.UsefulGflopPerEpoch:F0} GFLOP/epoch = {r.UsefulGflops:F0} GFLOP/s"));
            Console.WriteLine($"runtime: {r.Runtime.Allocator}; OpenBLAS {r.Runtime.OpenBlasConfig}; OPENBLAS_CORETYPE {r.Runtime.OpenBlasCoreType}");
            return 0;
        });
        return command;
    }
}
