using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sweeps.Torch.Native;

/// <summary>Finds libsweeps_torch.so beside this assembly (no LD_LIBRARY_PATH needed) and prepares
/// the process environment before libtorch and its BLAS load.</summary>
internal static class NativeLibraryLoader
{
    // A library-level initializer is intended here: the resolver must be in place before the first
    // P/Invoke, whichever public type a caller touches first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        PrepareThreadEnvironment();
        var path = Path.Combine(AppContext.BaseDirectory, "libsweeps_torch.so");
        if (!File.Exists(path))
            path = Path.Combine(Path.GetDirectoryName(assembly.Location) ?? AppContext.BaseDirectory, "libsweeps_torch.so");
        if (!File.Exists(path))
            throw new DllNotFoundException($"libsweeps_torch.so was not found beside {assembly.GetName().Name}.dll; build with 'dotnet build' (it runs CMake) or see 'sweeps doctor'.");
        var handle = NativeLibrary.Load(path);
        SetIntraOpThreads(handle, ThreadCount());
        return handle;
    }

    // Called through the export directly: a P/Invoke here would re-enter this resolver.
    private static unsafe void SetIntraOpThreads(IntPtr library, int threads) =>
        ((delegate* unmanaged<int, void>)NativeLibrary.GetExport(library, "sw_set_num_threads"))(threads);

    /// <summary>OpenBLAS (OpenMP build) reads OMP_NUM_THREADS once, when it loads; setting it later
    /// through at::set_num_threads alone leaves BLAS at a fraction of its speed. .NET's
    /// Environment.SetEnvironmentVariable does not reach native code, so libc's setenv is used.</summary>
    private static void PrepareThreadEnvironment()
    {
        if (Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is { Length: > 0 } given)
        {
            OmpNumThreads = given;
            return;
        }
        OmpNumThreads = ThreadCount().ToString(System.Globalization.CultureInfo.InvariantCulture);
        setenv("OMP_NUM_THREADS", OmpNumThreads, 1);
    }

    /// <summary>The OMP_NUM_THREADS that OpenBLAS saw when it loaded.</summary>
    internal static string OmpNumThreads { get; private set; } = "(library not loaded)";

    /// <summary>SWEEPS_THREADS, else OMP_NUM_THREADS, else every core.</summary>
    internal static int ThreadCount()
    {
        foreach (var variable in new[] { "SWEEPS_THREADS", "OMP_NUM_THREADS" })
            if (int.TryParse(Environment.GetEnvironmentVariable(variable), out var n) && n > 0) return n;
        return Environment.ProcessorCount;
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);
}
