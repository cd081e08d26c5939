using System.Runtime.InteropServices;
using Sweeps.Torch.Native;

namespace Sweeps.Torch;

/// <summary>An error raised inside libtorch (shape mismatch, bad index, wrong dtype or device…),
/// carrying libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message)
{
    internal static TorchException FromNative() =>
        new(Marshal.PtrToStringUTF8(NativeMethods.sw_last_error()) is { Length: > 0 } m ? m : "libtorch call failed");

    internal static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw FromNative();

    internal static void Check(int status)
    {
        if (status != 0) throw FromNative();
    }
}
