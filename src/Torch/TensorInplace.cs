using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    /// <summary>In-place operations: they change this tensor and return it, as in PyTorch.</summary>
    public partial class Tensor
    {
        private Tensor Inplace(InplaceOp op, Tensor? other, double scalar)
        {
            TorchException.Check(NativeMethods.sw_inplace(op, Handle, other?.Handle ?? IntPtr.Zero, scalar));
            return this;
        }

        public Tensor add_(Tensor other, double alpha = 1) => Inplace(InplaceOp.Add, other, alpha);
        public Tensor add_(double value) => Inplace(InplaceOp.Add, null, value);
        public Tensor sub_(Tensor other, double alpha = 1) => Inplace(InplaceOp.Sub, other, alpha);
        public Tensor mul_(Tensor other) => Inplace(InplaceOp.Mul, other, 0);
        public Tensor mul_(double value) => Inplace(InplaceOp.Mul, null, value);
        public Tensor div_(Tensor other) => Inplace(InplaceOp.Div, other, 0);
        public Tensor div_(double value) => Inplace(InplaceOp.Div, null, value);
        public Tensor copy_(Tensor source) => Inplace(InplaceOp.Copy, source, 0);
        public Tensor fill_(double value) => Inplace(InplaceOp.Fill, null, value);
        public Tensor zero_() => Inplace(InplaceOp.Zero, null, 0);

        public Tensor uniform_(double low = 0, double high = 1)
        {
            TorchException.Check(NativeMethods.sw_uniform_(Handle, low, high));
            return this;
        }

        public Tensor normal_(double mean = 0, double std = 1)
        {
            TorchException.Check(NativeMethods.sw_normal_(Handle, mean, std));
            return this;
        }

        /// <summary>Normal(mean, std) truncated to [low, high], as TensorFlow's truncated_normal at
        /// low = mean − 2·std, high = mean + 2·std.</summary>
        public Tensor trunc_normal_(double mean, double std, double low, double high)
        {
            TorchException.Check(NativeMethods.sw_trunc_normal_(Handle, mean, std, low, high));
            return this;
        }
    }
}
