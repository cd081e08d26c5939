using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sweeps.Cli.Commands.Bench;

/// <summary><c>sweeps bench ops</c>: the cost of the libtorch binding itself (call overhead,
/// matmul against the C++ reference, memory over many steps), printed as a Markdown section that
/// names the command and the runtime it ran under.</summary>
public static class OpsBenchCommand
{
    public static Command Create()
    {
        var iterations = new Option<int>("--iterations") { Description = "Calls per tiny-op measurement.", DefaultValueFactory = _ => 1_000_000 };
        var size = new Option<int>("--size") { Description = "Matmul side n (n×n float32).", DefaultValueFactory = _ => 2048 };
        var reps = new Option<int>("--reps") { Description = "Timed matmuls per round.", DefaultValueFactory = _ => 20 };
        var steps = new Option<int>("--steps") { Description = "Training steps for the memory check.", DefaultValueFactory = _ => 10_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds; medians are reported.", DefaultValueFactory = _ => 3 };
        var reference = new Option<string?>("--reference") { Description = "The C++ matmul_bench program (found under the repository by default)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var output = new Option<string?>("--out") { Description = "Also write the Markdown section to this file." };
        var command = new Command("ops", "Call overhead of the libtorch binding, matmul GFLOP/s against C++, and memory over many training steps.")
        {
            iterations, size, reps, steps, rounds, reference, json, output,
        };
        command.SetAction(parse =>
        {
            var result = OpsBenchmark.Run(new OpsBenchmarkOptions(parse.GetValue(iterations), parse.GetValue(size), parse.GetValue(reps),
                parse.GetValue(steps), parse.GetValue(rounds), parse.GetValue(reference)));
            var markdown = Markdown(result, InvokedAs());
            Console.Write(parse.GetValue(json) ? JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine : markdown);
            if (parse.GetValue(output) is { } path) File.WriteAllText(path, markdown);
            return 0;
        });
        return command;
    }

    /// <summary>The command line as bin/sweeps takes it, with the kernel pin that chose this run's
    /// OpenBLAS kernel.</summary>
    private static string InvokedAs()
    {
        var pin = Environment.GetEnvironmentVariable("SWEEPS_OPENBLAS_CORETYPE") is { Length: > 0 } kernel ? $"SWEEPS_OPENBLAS_CORETYPE={kernel} " : "";
        return $"{pin}bin/sweeps {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}";
    }

    private static string Markdown(OpsBenchmarkResult r, string invokedAs)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"## OPENBLAS_CORETYPE {r.Runtime.OpenBlasCoreType}");
        text.AppendLine();
        text.AppendLine(inv, $"`{invokedAs}` on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}; medians of {r.Rounds} rounds.");
        text.AppendLine();
        text.AppendLine("| measurement | value | target | met |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(inv, $"| `a.add_(1)` on a 1-element tensor | {r.InplaceAddScalarNs:F0} ns/call | < 5 µs | {Met(r.InplaceAddScalarNs < OpsBenchmarkResult.OverheadTargetNs)} |");
        text.AppendLine(inv, $"| `a.add_(b)` on 1-element tensors | {r.InplaceAddTensorNs:F0} ns/call | < 5 µs | {Met(r.InplaceAddTensorNs < OpsBenchmarkResult.OverheadTargetNs)} |");
        text.AppendLine(inv, $"| `(a + b).Dispose()` on 1-element tensors | {r.AddAndDisposeNs:F0} ns/call | < 5 µs | {Met(r.AddAndDisposeNs < OpsBenchmarkResult.OverheadTargetNs)} |");
        text.AppendLine(inv, $"| `a + b` freed by a dispose scope (100 per scope) | {r.AddInDisposeScopeNs:F0} ns/call | – | – |");
        text.AppendLine(inv, $"| {r.MatmulSize}² float32 `a.matmul(b)` through the binding, fresh output each time | {r.ManagedMatmulGflops:F1} GFLOP/s | – | – |");
        text.AppendLine(inv, $"| same product from C++ (`matmul_bench`, preallocated output) | {r.NativeMatmulGflops:F1} GFLOP/s | – | – |");
        text.AppendLine(inv, $"| binding / C++ | {r.MatmulRatio * 100:F1} % | ≥ {OpsBenchmarkResult.MatmulRatioTarget * 100:F0} % | {Met(r.MeetsMatmulTarget)} |");
        text.AppendLine(inv, $"| RSS after 100 / {r.TrainSteps:N0} training steps | {r.RssAfter100StepsMiB:F1} / {r.RssAfterAllStepsMiB:F1} MiB (growth {r.RssGrowthMiB:+0.0;-0.0;0.0}) | growth ≤ {OpsBenchmarkResult.RssGrowthToleranceMiB:F0} MiB | {Met(r.RssGrowthMiB <= OpsBenchmarkResult.RssGrowthToleranceMiB)} |");
        text.AppendLine(inv, $"| live tensors after 100 / {r.TrainSteps:N0} steps | {r.LiveTensorsAfter100Steps} / {r.LiveTensorsAfterAllSteps} | equal | {Met(r.LiveTensorsAfter100Steps == r.LiveTensorsAfterAllSteps)} |");
        text.AppendLine();
        text.AppendLine("Runtime (`sweeps doctor`):");
        text.AppendLine();
        text.AppendLine(inv, $"- libtorch {r.Runtime.TorchVersion} ({r.Runtime.TorchLibrary})");
        text.AppendLine(inv, $"- BLAS: {r.Runtime.BlasLibrary}");
        text.AppendLine(inv, $"- OpenBLAS: {r.Runtime.OpenBlasConfig}");
        text.AppendLine(inv, $"- OPENBLAS_CORETYPE: {r.Runtime.OpenBlasCoreType}");
        text.AppendLine(inv, $"- threads: {r.Runtime.IntraOpThreads} intra-op (OMP_NUM_THREADS={r.Runtime.OmpNumThreads})");
        text.AppendLine(inv, $"- allocator: {r.Runtime.Allocator}");
        text.AppendLine(inv, $"- CUDA devices: {r.Runtime.CudaDevices}");
        return text.ToString();

        static string Met(bool met) => met ? "yes" : "**no**";
    }
}
