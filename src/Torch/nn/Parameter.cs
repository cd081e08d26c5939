using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A leaf tensor that a module owns and an optimizer updates. It never belongs to a
        /// dispose scope: it lives as long as its module.</summary>
        public sealed class Parameter : Tensor
        {
            public Parameter(Tensor data, bool requires_grad = true) : base(NativeMethods.sw_detach(data.Handle))
            {
                DetachFromDisposeScope();
                this.requires_grad = requires_grad;
            }

            internal void MoveTo(Device target)
            {
                if (device == target) return;
                var wanted = requires_grad;
                using (no_grad())
                    ReplaceHandle(NativeMethods.sw_to(Handle, (int)dtype, (int)target.Type, target.Index));
                requires_grad = wanted;
            }
        }
    }
}
