using System.Runtime.InteropServices;
using Sweeps.Torch.Native;

namespace Sweeps.Torch;

/// <summary>An error raised inside libtorch (shape mismatch, bad index, wrong dtype or device…),
/// carrying libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message)
{
    /// <summary>The last native call's error: <see cref="DeviceOutOfMemoryException"/> when an
    /// allocation failed, a <see cref="TorchException"/> otherwise.</summary>
    internal static Exception FromNative()
    {
        var message = Marshal.PtrToStringUTF8(NativeMethods.sw_last_error()) is { Length: > 0 } m ? m : "libtorch call failed";
        return NativeMethods.sw_last_error_is_out_of_memory() != 0 ? new DeviceOutOfMemoryException(message) : new TorchException(message);
    }

    internal static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw FromNative();

    internal static void Check(int status)
    {
        if (status != 0) throw FromNative();
    }
}
