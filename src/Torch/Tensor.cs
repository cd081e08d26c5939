using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    /// <summary>A libtorch tensor. Owns one native handle; freed by <see cref="Dispose"/>, by the
    /// dispose scope it was created in, or (as a last resort) by its finalizer.</summary>
    public partial class Tensor : IDisposable
    {
        private IntPtr _handle;

        internal Tensor(IntPtr handle)
        {
            _handle = TorchException.Check(handle);
            DisposeScope.Current?.Add(this);
        }

        internal DisposeScope? Scope { get; set; }

        internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Tensor));

        public bool IsDisposed => _handle == IntPtr.Zero;

        /// <summary>Swaps the native tensor behind this object (used by Module.to(device), so that
        /// references to a parameter stay valid).</summary>
        internal void ReplaceHandle(IntPtr handle)
        {
            var old = _handle;
            _handle = TorchException.Check(handle);
            NativeMethods.sw_free(old);
        }

        public void Dispose()
        {
            Scope?.Remove(this);
            Free();
            GC.SuppressFinalize(this);
        }

        ~Tensor() => Free();

        private void Free()
        {
            var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
            if (h != IntPtr.Zero) NativeMethods.sw_free(h);
        }

        /// <summary>Keeps this tensor alive when the current dispose scope ends, handing it to the
        /// enclosing scope.</summary>
        public Tensor MoveToOuterDisposeScope()
        {
            Scope?.MoveToOuter(this);
            return this;
        }

        /// <summary>Takes this tensor out of every dispose scope: the caller owns it.</summary>
        public Tensor DetachFromDisposeScope()
        {
            Scope?.Remove(this);
            return this;
        }

        public int dim() => NativeMethods.sw_dim(Handle);

        public long numel() => NativeMethods.sw_numel(Handle);

        public unsafe long[] shape
        {
            get
            {
                var result = new long[dim()];
                fixed (long* p = result) NativeMethods.sw_shape(Handle, p);
                return result;
            }
        }

        public long size(int dimension)
        {
            var s = shape;
            return s[dimension < 0 ? dimension + s.Length : dimension];
        }

        public ScalarType dtype => (ScalarType)NativeMethods.sw_dtype(Handle);

        public Device device
        {
            get
            {
                NativeMethods.sw_device(Handle, out var type, out var index);
                return new Device((DeviceType)type, index);
            }
        }

        /// <summary>A copy of the elements in row-major order.</summary>
        public unsafe T[] data<T>() where T : unmanaged
        {
            if (ScalarTypes.Of<T>() != dtype) throw new TorchException($"data<{typeof(T).Name}>() on a {dtype} tensor");
            var result = new T[numel()];
            fixed (T* p = result) TorchException.Check(NativeMethods.sw_copy_to(Handle, p, (long)result.Length * sizeof(T)));
            return result;
        }

        /// <summary>Overwrites the elements in place from a row-major buffer of the same size.</summary>
        public unsafe void copy_from<T>(ReadOnlySpan<T> values) where T : unmanaged
        {
            if (ScalarTypes.Of<T>() != dtype) throw new TorchException($"copy_from<{typeof(T).Name}> into a {dtype} tensor");
            fixed (T* p = values) TorchException.Check(NativeMethods.sw_copy_from(Handle, p, (long)values.Length * sizeof(T)));
        }

        public T item<T>() where T : unmanaged
        {
            if (typeof(T) == typeof(long) || typeof(T) == typeof(int))
            {
                TorchException.Check(NativeMethods.sw_item_long(Handle, out var l));
                return typeof(T) == typeof(int) ? (T)(object)checked((int)l) : (T)(object)l;
            }
            TorchException.Check(NativeMethods.sw_item(Handle, out var d));
            if (typeof(T) == typeof(double)) return (T)(object)d;
            if (typeof(T) == typeof(float)) return (T)(object)(float)d;
            if (typeof(T) == typeof(bool)) return (T)(object)(d != 0);
            throw new NotSupportedException($"item<{typeof(T).Name}>");
        }

        public override string ToString() => $"Tensor[{string.Join(", ", shape)}] {dtype} {device}";
    }
}
