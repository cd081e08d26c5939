using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        public bool requires_grad
        {
            get => NativeMethods.sw_requires_grad(Handle) != 0;
            set => TorchException.Check(NativeMethods.sw_set_requires_grad(Handle, value ? 1 : 0));
        }

        public Tensor requires_grad_(bool value = true)
        {
            requires_grad = value;
            return this;
        }

        /// <summary>The accumulated gradient, or null before the first backward.</summary>
        public Tensor? grad
        {
            get
            {
                var h = NativeMethods.sw_grad(Handle);
                if (h != IntPtr.Zero) return new Tensor(h);
                var error = TorchException.FromNative();
                return error.Message == "libtorch call failed" ? null : throw error;
            }
        }

        /// <summary>Drops the gradient (PyTorch's set_to_none), so the next backward writes it fresh.</summary>
        public void zero_grad() => TorchException.Check(NativeMethods.sw_zero_grad(Handle));

        public void backward() => TorchException.Check(NativeMethods.sw_backward(Handle));

        public Tensor detach() => new(NativeMethods.sw_detach(Handle));
    }
}
