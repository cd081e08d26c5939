using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private unsafe delegate IntPtr ShapeCall(IntPtr t, long* values, int n);

        private unsafe Tensor WithShape(ShapeCall call, long[] values)
        {
            fixed (long* p = values) return new Tensor(call(Handle, p, values.Length));
        }

        public unsafe Tensor view(params long[] shape) => WithShape(NativeMethods.sw_view, shape);
        public unsafe Tensor reshape(params long[] shape) => WithShape(NativeMethods.sw_reshape, shape);
        public unsafe Tensor expand(params long[] shape) => WithShape(NativeMethods.sw_expand, shape);
        public unsafe Tensor permute(params long[] order) => WithShape(NativeMethods.sw_permute, order);
        public Tensor transpose(long dim0, long dim1) => new(NativeMethods.sw_transpose(Handle, dim0, dim1));
        public Tensor t() => transpose(0, 1);
        public Tensor unsqueeze(long dim) => new(NativeMethods.sw_unsqueeze(Handle, dim));
        public Tensor squeeze(long dim) => new(NativeMethods.sw_squeeze(Handle, dim));
        public Tensor narrow(long dim, long start, long length) => new(NativeMethods.sw_narrow(Handle, dim, start, length));
        public Tensor select(long dim, long index) => new(NativeMethods.sw_select(Handle, dim, index));
        public Tensor contiguous() => new(NativeMethods.sw_contiguous(Handle));
        public Tensor tril(long diagonal = 0) => new(NativeMethods.sw_tril(Handle, diagonal));
        public Tensor triu(long diagonal = 0) => new(NativeMethods.sw_triu(Handle, diagonal));

        public Tensor index_select(long dim, Tensor index) => new(NativeMethods.sw_index_select(Handle, dim, index.Handle));
        public Tensor gather(long dim, Tensor index) => new(NativeMethods.sw_gather(Handle, dim, index.Handle));
        public Tensor masked_fill(Tensor mask, double value) => new(NativeMethods.sw_masked_fill(Handle, mask.Handle, value));

        public Tensor clone() => new(NativeMethods.sw_clone(Handle));
        public Tensor to(ScalarType type) => to(type, device);
        public Tensor to(Device target) => to(dtype, target);
        public Tensor to(ScalarType type, Device target) =>
            new(NativeMethods.sw_to(Handle, (int)type, (int)target.Type, target.Index));
        public Tensor cpu() => to(Device.CPU);
    }
}
