using System.Diagnostics;
using System.Globalization;
using Sweeps.Torch;

namespace Sweeps.Cli.Commands.Bench;

/// <summary>Runs the C++ reference program (src/Torch/native/matmul_bench.cpp, built beside the shim)
/// as a child process: the same libtorch matmul with no binding in between.</summary>
internal static class NativeMatmulReference
{
    private const string RelativePath = "src/Torch/native/build/matmul_bench";

    /// <summary>The program under the repository that holds this build, found by walking up from
    /// the CLI's own directory.</summary>
    public static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>GFLOP/s of an n×n float32 matmul into a preallocated output. The child inherits this
    /// process's start environment (OPENBLAS_CORETYPE, LD_PRELOAD); OMP_NUM_THREADS is passed
    /// explicitly because the shim's loader sets it with libc's setenv, which .NET's view of the
    /// environment, and so a child started from it, does not see.</summary>
    public static double Run(string program, int n, int reps, RuntimeReport runtime)
    {
        var inv = CultureInfo.InvariantCulture;
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(n.ToString(inv));
        start.ArgumentList.Add(reps.ToString(inv));
        start.ArgumentList.Add(runtime.IntraOpThreads.ToString(inv));
        start.Environment["OMP_NUM_THREADS"] = runtime.OmpNumThreads;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !double.TryParse(output.Trim(), NumberStyles.Float, inv, out var gflops))
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {output}{errors}");
        return gflops;
    }
}
