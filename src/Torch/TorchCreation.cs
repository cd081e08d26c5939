using Sweeps.Torch.Native;

namespace Sweeps.Torch;

/// <summary>The entry point, spelled as in TorchSharp and PyTorch: <c>torch.zeros</c>,
/// <c>torch.nn.Linear</c>, <c>torch.optim.Adam</c>, <c>torch.no_grad()</c>.</summary>
public static partial class torch
{
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType @bool = ScalarType.Bool;

    public static unsafe Tensor tensor<T>(T[] values, params long[] shape) where T : unmanaged
    {
        if (shape.Length == 0) shape = [values.Length];
        long count = 1;
        foreach (var s in shape) count *= s;
        if (count != values.Length) throw new TorchException($"{values.Length} values do not fill shape [{string.Join(", ", shape)}]");
        fixed (T* data = values)
        fixed (long* dims = shape)
            return new Tensor(NativeMethods.sw_from_data(data, dims, shape.Length, (int)ScalarTypes.Of<T>()));
    }

    public static Tensor tensor(double value, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        full([], value, dtype, device);

    public static unsafe Tensor empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape) return new Tensor(NativeMethods.sw_empty(p, shape.Length, (int)dtype, (int)d.Type, d.Index));
    }

    public static unsafe Tensor full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape) return new Tensor(NativeMethods.sw_full(p, shape.Length, value, (int)dtype, (int)d.Type, d.Index));
    }

    public static Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => full(shape, 0, dtype, device);
    public static Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => full(shape, 1, dtype, device);

    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return new Tensor(NativeMethods.sw_arange(start, end, step, (int)dtype, (int)d.Type, d.Index));
    }

    public static unsafe Tensor rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape) return new Tensor(NativeMethods.sw_rand(p, shape.Length, 0, (int)dtype, (int)d.Type, d.Index));
    }

    public static unsafe Tensor randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape) return new Tensor(NativeMethods.sw_rand(p, shape.Length, 1, (int)dtype, (int)d.Type, d.Index));
    }

    public static unsafe Tensor randint(long low, long high, long[] shape, Device? device = null)
    {
        var d = device ?? Device.CPU;
        fixed (long* p = shape) return new Tensor(NativeMethods.sw_randint(low, high, p, shape.Length, (int)d.Type, d.Index));
    }

    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);
    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle;
        fixed (IntPtr* p = handles)
            return new Tensor(stack ? NativeMethods.sw_stack(p, handles.Length, dim) : NativeMethods.sw_cat(p, handles.Length, dim));
    }

    public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
        new(NativeMethods.sw_where(condition.Handle, x.Handle, y.Handle));

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor tril(Tensor a, long diagonal = 0) => a.tril(diagonal);
    public static Tensor triu(Tensor a, long diagonal = 0) => a.triu(diagonal);
}
