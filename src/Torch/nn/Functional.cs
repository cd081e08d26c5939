using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public enum Reduction { None = 0, Mean = 1, Sum = 2 }

        public static class functional
        {
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                new(NativeMethods.sw_linear(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero));

            public static Tensor layer_norm(Tensor input, long normalizedSize, Tensor? weight, Tensor? bias, double eps = 1e-5) =>
                new(NativeMethods.sw_layer_norm(input.Handle, normalizedSize, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps));

            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) =>
                new(NativeMethods.sw_dropout(input.Handle, p, training ? 1 : 0));

            /// <summary>Dropout with a counter-based hash mask (a project extension): the same
            /// distribution as <see cref="dropout"/>, several times faster on CPU, reproducible under
            /// manual_seed and independent of the thread count. Identity (a new handle) when not training.</summary>
            public static Tensor hash_dropout(Tensor input, double p = 0.5, bool training = true) =>
                training && p > 0 ? new(NativeMethods.sw_hash_dropout(input.Handle, p)) : new(NativeMethods.sw_alias(input.Handle));

            /// <summary>Rows of <paramref name="weight"/> at <paramref name="indices"/>; the padding
            /// row gets no gradient.</summary>
            public static Tensor embedding(Tensor indices, Tensor weight, long? paddingIdx = null) =>
                new(NativeMethods.sw_embedding(weight.Handle, indices.Handle, paddingIdx ?? -1));

            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);
            public static Tensor relu(Tensor input) => input.relu();
            public static Tensor gelu(Tensor input) => input.gelu();
            public static Tensor elu(Tensor input) => input.elu();
            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            /// <summary>Softmax cross-entropy of (N, C) logits against N class indices; targets equal
            /// to <paramref name="ignoreIndex"/> count for nothing.</summary>
            public static Tensor cross_entropy(Tensor logits, Tensor target, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) =>
                new(NativeMethods.sw_cross_entropy(logits.Handle, target.Handle, ignoreIndex, (int)reduction));

            public static Tensor binary_cross_entropy_with_logits(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean) =>
                new(NativeMethods.sw_bce_with_logits(logits.Handle, target.Handle, (int)reduction));

            /// <summary>mean over rows of CE(hidden · tableᵀ, target), computed in chunks of
            /// <paramref name="chunkRows"/> rows with the gradient fused into the forward pass: the
            /// rows × classes logits are never stored. Equal to cross_entropy(hidden.matmul(table.t()), target).</summary>
            public static Tensor fused_softmax_cross_entropy(Tensor hidden, Tensor table, Tensor target, long chunkRows = 256) =>
                new(NativeMethods.sw_fused_softmax_cross_entropy(hidden.Handle, table.Handle, target.Handle, chunkRows));
        }
    }
}
