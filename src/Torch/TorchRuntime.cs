using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    /// <summary>Seeds libtorch's CPU (and, where present, CUDA) generators.</summary>
    public static void manual_seed(long seed) => NativeMethods.sw_manual_seed(unchecked((ulong)seed));

    /// <summary>Seeds only the calling thread's CPU generator (a project extension): threads that
    /// share a step each draw a stream of their own, and nothing global moves.</summary>
    public static void manual_seed_thread(long seed) => NativeMethods.sw_manual_seed_thread(unchecked((ulong)seed));

    public static void set_num_threads(int threads) => NativeMethods.sw_set_num_threads(threads);
    public static int get_num_threads() => NativeMethods.sw_get_num_threads();

    /// <summary>Runs body(0), …, body(tasks − 1) side by side on <paramref name="threads"/> cores (a
    /// project extension): every operation inside a task runs on that task's core alone, even when
    /// there is a single task. With one thread the tasks run one after the other on the calling
    /// thread. Either way every task runs, and the first exception (in task order) is rethrown at
    /// the end.</summary>
    public static void parallel_tasks(int tasks, int threads, Action<int> body)
    {
        var errors = new Exception?[tasks];
        NativeTask task = i =>
        {
            try { body(i); }
            catch (Exception e) { errors[i] = e; }
        };
        if (threads <= 1)
            for (var i = 0; i < tasks; i++) task(i);
        else
            NativeMethods.sw_parallel_tasks(tasks, Math.Max(2, Math.Min(threads, tasks)), Marshal.GetFunctionPointerForDelegate(task));
        GC.KeepAlive(task);
        if (errors.FirstOrDefault(e => e is not null) is { } error) ExceptionDispatchInfo.Throw(error);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void NativeTask(int index);

    /// <summary>Native tensors alive in this process (handles not yet freed).</summary>
    public static long live_tensor_count() => NativeMethods.sw_live_tensors();

    public static string __version__ => Marshal.PtrToStringUTF8(NativeMethods.sw_version())!;

    /// <summary>libtorch's build configuration (BLAS, CPU capability, CUDA...).</summary>
    public static string build_config() => Marshal.PtrToStringUTF8(NativeMethods.sw_build_config())!;

    /// <summary>The real path of the library that provides sgemm to this process.</summary>
    public static string blas_library() => Marshal.PtrToStringUTF8(NativeMethods.sw_blas_library())!;

    /// <summary>OpenBLAS's own description (version, kernel, threads); empty when not OpenBLAS.</summary>
    public static string openblas_config() => Marshal.PtrToStringUTF8(NativeMethods.sw_openblas_config())!;

    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables gradient recording until disposed (PyTorch's <c>with torch.no_grad():</c>).</summary>
    public static IDisposable no_grad() => new GradModeGuard(enabled: false);

    public static IDisposable enable_grad() => new GradModeGuard(enabled: true);

    public static bool is_grad_enabled() => NativeMethods.sw_is_grad_enabled() != 0;

    private sealed class GradModeGuard : IDisposable
    {
        private readonly int _previous;
        private bool _disposed;

        public GradModeGuard(bool enabled) => _previous = NativeMethods.sw_set_grad_enabled(enabled ? 1 : 0);

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            NativeMethods.sw_set_grad_enabled(_previous);
        }
    }

    public static class cuda
    {
        public static int device_count() => NativeMethods.sw_cuda_device_count();
        public static bool is_available() => device_count() > 0;
    }
}
