using System.Diagnostics;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Cli.Commands.Bench;

public sealed record OpsBenchmarkOptions(
    int TinyOpIterations = 1_000_000,
    int MatmulSize = 2048,
    int MatmulReps = 20,
    int TrainSteps = 10_000,
    int Rounds = 3,
    string? ReferenceProgram = null);

/// <summary>What the binding costs: nanoseconds per call of a tiny op, matmul speed through the
/// binding against the same libtorch called from C++, and memory over many training steps. Speeds
/// are medians over rounds.</summary>
public sealed record OpsBenchmarkResult(
    double InplaceAddScalarNs,
    double InplaceAddTensorNs,
    double AddAndDisposeNs,
    double AddInDisposeScopeNs,
    int MatmulSize,
    double ManagedMatmulGflops,
    double NativeMatmulGflops,
    int TrainSteps,
    double RssAfter100StepsMiB,
    double RssAfterAllStepsMiB,
    long LiveTensorsAfter100Steps,
    long LiveTensorsAfterAllSteps,
    int Rounds,
    RuntimeReport Runtime)
{
    public const double OverheadTargetNs = 5000;
    public const double MatmulRatioTarget = 0.95;

    /// <summary>Allowance for the .NET heap and allocator bookkeeping settling; a leak of one
    /// tensor or one buffer per step would exceed it many times over.</summary>
    public const double RssGrowthToleranceMiB = 2;

    public double MatmulRatio => ManagedMatmulGflops / NativeMatmulGflops;
    public double RssGrowthMiB => RssAfterAllStepsMiB - RssAfter100StepsMiB;

    public bool MeetsOverheadTarget => new[] { InplaceAddScalarNs, InplaceAddTensorNs, AddAndDisposeNs }.Max() < OverheadTargetNs;
    public bool MeetsMatmulTarget => MatmulRatio >= MatmulRatioTarget;
    public bool MeetsMemoryTarget => RssGrowthMiB <= RssGrowthToleranceMiB && LiveTensorsAfterAllSteps == LiveTensorsAfter100Steps;
}

public static class OpsBenchmark
{
    public static OpsBenchmarkResult Run(OpsBenchmarkOptions options)
    {
        var runtime = RuntimeReport.Collect();
        var reference = options.ReferenceProgram ?? NativeMatmulReference.Locate()
            ?? throw new FileNotFoundException("the C++ reference src/Torch/native/build/matmul_bench was not found; build with 'dotnet build src/Cli -c Release' or pass --reference");

        var inplaceScalar = new List<double>();
        var inplaceTensor = new List<double>();
        var addDispose = new List<double>();
        var addScope = new List<double>();
        var managed = new List<double>();
        var native = new List<double>();
        // Memory first: the matmul buffers freed later would otherwise sit in the allocator's cache
        // and inflate the 100-step baseline.
        var memory = new List<TrainingMemory>();
        for (var round = 0; round < options.Rounds; round++) memory.Add(MeasureTrainingMemory(options.TrainSteps));
        for (var round = 0; round < options.Rounds; round++)
        {
            using (var a = ones([1]))
            using (var b = ones([1]))
            {
                inplaceScalar.Add(NsPerCall(options.TinyOpIterations, () => a.add_(1)));
                inplaceTensor.Add(NsPerCall(options.TinyOpIterations, () => a.add_(b)));
                addDispose.Add(NsPerCall(options.TinyOpIterations, () => (a + b).Dispose()));
                addScope.Add(AddInDisposeScopeNs(a, b, options.TinyOpIterations));
            }
            // Managed and native alternate within a round, so that load from other processes
            // falls on both alike.
            managed.Add(ManagedMatmulGflops(options.MatmulSize, options.MatmulReps));
            native.Add(NativeMatmulReference.Run(reference, options.MatmulSize, options.MatmulReps, runtime));
        }
        // The round with the median growth, so that its four numbers belong together.
        var typical = memory.OrderBy(m => m.RssAfterAll - m.RssAfter100).ElementAt(memory.Count / 2);
        return new OpsBenchmarkResult(Median(inplaceScalar), Median(inplaceTensor), Median(addDispose), Median(addScope),
            options.MatmulSize, Median(managed), Median(native),
            options.TrainSteps, typical.RssAfter100, typical.RssAfterAll, typical.LiveAfter100, typical.LiveAfterAll,
            options.Rounds, runtime);
    }

    /// <summary>One call per iteration after a tenth as many untimed ones, so the loop runs
    /// optimised code.</summary>
    private static double NsPerCall(int iterations, Action call)
    {
        for (var i = 0; i < iterations / 10; i++) call();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) call();
        return clock.Elapsed.TotalNanoseconds / iterations;
    }

    /// <summary>The pattern of a training step: results left to a dispose scope, which frees them
    /// together (here every 100 operations).</summary>
    private static double AddInDisposeScopeNs(Tensor a, Tensor b, int iterations)
    {
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < iterations; done += 100)
        {
            using var scope = NewDisposeScope();
            for (var i = 0; i < 100; i++) _ = a + b;
        }
        return clock.Elapsed.TotalNanoseconds / iterations;
    }

    /// <summary>Each product is a fresh output, freed before the next, as a training step does.</summary>
    private static double ManagedMatmulGflops(int n, int reps)
    {
        manual_seed(0);
        using var a = randn([n, n]);
        using var b = randn([n, n]);
        for (var i = 0; i < 3; i++) a.matmul(b).Dispose();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < reps; i++)
        {
            using var scope = NewDisposeScope();
            a.matmul(b);
        }
        return 2.0 * n * n * n * reps / clock.Elapsed.TotalSeconds / 1e9;
    }

    private sealed record TrainingMemory(double RssAfter100, double RssAfterAll, long LiveAfter100, long LiveAfterAll);

    private static TrainingMemory MeasureTrainingMemory(int steps)
    {
        manual_seed(0);
        using var model = new OpsBenchModel();
        using var optimizer = new optim.Adam(model.parameters(), lr: 1e-3);
        var (items, targets) = OpsBenchModel.Batch();
        using (items)
        using (targets)
        {
            var step = 0;
            for (; step < Math.Min(100, steps); step++) OpsBenchModel.TrainStep(model, optimizer, items, targets);
            var rssAfter100 = ProcessMemory.ResidentMiB();
            var liveAfter100 = live_tensor_count();
            for (; step < steps; step++) OpsBenchModel.TrainStep(model, optimizer, items, targets);
            return new TrainingMemory(rssAfter100, ProcessMemory.ResidentMiB(), liveAfter100, live_tensor_count());
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
