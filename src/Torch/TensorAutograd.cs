using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public static class autograd
    {
        /// <summary>d output / d input for each input (null where an input does not reach the output),
        /// leaving the inputs' <c>grad</c> untouched (torch.autograd.grad with allow_unused).</summary>
        public static unsafe Tensor?[] grad(Tensor output, IReadOnlyList<Tensor> inputs)
        {
            var handles = inputs.Select(t => t.Handle).ToArray();
            var results = new IntPtr[handles.Length];
            fixed (IntPtr* inputPointers = handles)
            fixed (IntPtr* resultPointers = results)
                TorchException.Check(NativeMethods.sw_autograd_grad(output.Handle, inputPointers, handles.Length, resultPointers));
            return results.Select(h => h == IntPtr.Zero ? null : new Tensor(h)).ToArray();
        }
    }

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

        /// <summary>grad += <paramref name="gradient"/>, or grad = a copy of it when there is none (a
        /// project extension: PyTorch writes <c>p.grad += g</c>).</summary>
        public void accumulate_grad_(Tensor gradient) => TorchException.Check(NativeMethods.sw_accumulate_grad(Handle, gradient.Handle));

        public Tensor detach() => new(NativeMethods.sw_detach(Handle));
    }
}
