namespace Sweeps.Torch;

/// <summary>What the tensor engine of this process runs on; shown by `sweeps doctor` and stored
/// with benchmark numbers, since BLAS, threads and allocator decide CPU speed more than code.</summary>
public sealed record RuntimeReport(
    string TorchVersion,
    string TorchLibrary,
    string BlasLibrary,
    string OpenBlasConfig,
    string OpenBlasCoreType,
    int IntraOpThreads,
    string OmpNumThreads,
    string Allocator,
    int CudaDevices)
{
    /// <summary>Debian's fallback BLAS (netlib reference): correct but about 30× slower.</summary>
    public bool IsReferenceBlas => BlasLibrary.Contains("/blas/", StringComparison.Ordinal) && !BlasLibrary.Contains("openblas", StringComparison.Ordinal);

    public static RuntimeReport Collect()
    {
        var version = torch.__version__; // loads libtorch, so that it shows in the process map
        var maps = File.Exists("/proc/self/maps") ? File.ReadAllLines("/proc/self/maps") : [];
        return new RuntimeReport(
            version,
            MappedLibrary(maps, "libtorch_cpu.so") ?? "(not mapped)",
            torch.blas_library(),
            torch.openblas_config(),
            Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset: autodetect)",
            torch.get_num_threads(),
            Native.NativeLibraryLoader.OmpNumThreads,
            MappedLibrary(maps, "tcmalloc") is { } t ? $"tcmalloc ({t})" : MappedLibrary(maps, "jemalloc") is { } j ? $"jemalloc ({j})" : "glibc malloc",
            torch.cuda.device_count());
    }

    private static string? MappedLibrary(string[] maps, string name) =>
        maps.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6 && parts[5].Contains(name, StringComparison.Ordinal))
            .Select(parts => parts[5])
            .FirstOrDefault();
}
