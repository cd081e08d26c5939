using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private unsafe Tensor Reduce(ReduceOp op, long[] dims, bool keepdim)
        {
            fixed (long* p = dims) return new Tensor(NativeMethods.sw_reduce(op, Handle, p, dims.Length, keepdim ? 1 : 0));
        }

        public Tensor sum() => Reduce(ReduceOp.Sum, [], false);
        public Tensor sum(long dim, bool keepdim = false) => Reduce(ReduceOp.Sum, [dim], keepdim);
        public Tensor sum(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Sum, dims, keepdim);
        public Tensor mean() => Reduce(ReduceOp.Mean, [], false);
        public Tensor mean(long dim, bool keepdim = false) => Reduce(ReduceOp.Mean, [dim], keepdim);
        public Tensor mean(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Mean, dims, keepdim);
        public Tensor max() => Reduce(ReduceOp.Amax, [], false);
        public Tensor min() => Reduce(ReduceOp.Amin, [], false);
        public Tensor amax(long dim, bool keepdim = false) => Reduce(ReduceOp.Amax, [dim], keepdim);
        public Tensor amin(long dim, bool keepdim = false) => Reduce(ReduceOp.Amin, [dim], keepdim);
        public Tensor prod() => Reduce(ReduceOp.Prod, [], false);

        public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
        {
            TorchException.Check(NativeMethods.sw_max_dim(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
            return (new Tensor(v), new Tensor(i));
        }

        public Tensor argmax(long dim, bool keepdim = false) => new(NativeMethods.sw_argmax(Handle, dim, keepdim ? 1 : 0));
        public Tensor cumsum(long dim) => new(NativeMethods.sw_cumsum(Handle, dim));

        public (Tensor values, Tensor indexes) topk(long k, long dim = -1, bool largest = true)
        {
            TorchException.Check(NativeMethods.sw_topk(Handle, k, dim, largest ? 1 : 0, out var v, out var i));
            return (new Tensor(v), new Tensor(i));
        }

        /// <summary>Stable sort: equal elements keep their order.</summary>
        public (Tensor values, Tensor indexes) sort(long dim = -1, bool descending = false)
        {
            TorchException.Check(NativeMethods.sw_sort(Handle, dim, descending ? 1 : 0, out var v, out var i));
            return (new Tensor(v), new Tensor(i));
        }
    }
}
