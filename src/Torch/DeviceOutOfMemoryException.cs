namespace Sweeps.Torch;

/// <summary>libtorch could not allocate memory on a device (a CUDA out-of-memory error, or a CPU
/// allocation that failed), with libtorch's message. An <see cref="OutOfMemoryException"/>, so
/// code that knows nothing of this binding can still tell it from other failures: the same job may
/// fit when fewer jobs share the device.</summary>
public sealed class DeviceOutOfMemoryException(string message) : OutOfMemoryException(message);
