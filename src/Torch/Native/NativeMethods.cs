using System.Runtime.InteropServices;

namespace Sweeps.Torch.Native;

/// <summary>The shim's C ABI (native/shim*.cpp). The only place in the solution with P/Invoke.
/// Tensor-returning functions return null on failure and leave the message in sw_last_error.</summary>
internal static unsafe class NativeMethods
{
    internal const string Library = "sweeps_torch";

    [DllImport(Library)] internal static extern IntPtr sw_last_error();
    [DllImport(Library)] internal static extern int sw_last_error_is_out_of_memory();
    [DllImport(Library)] internal static extern long sw_live_tensors();
    [DllImport(Library)] internal static extern void sw_free(IntPtr t);

    [DllImport(Library)] internal static extern IntPtr sw_from_data(void* data, long* shape, int ndim, int dtype);
    [DllImport(Library)] internal static extern IntPtr sw_empty(long* shape, int ndim, int dtype, int devType, int devIndex);
    [DllImport(Library)] internal static extern IntPtr sw_full(long* shape, int ndim, double value, int dtype, int devType, int devIndex);
    [DllImport(Library)] internal static extern IntPtr sw_arange(double start, double end, double step, int dtype, int devType, int devIndex);
    [DllImport(Library)] internal static extern IntPtr sw_rand(long* shape, int ndim, int normal, int dtype, int devType, int devIndex);
    [DllImport(Library)] internal static extern IntPtr sw_randint(long low, long high, long* shape, int ndim, int devType, int devIndex);

    [DllImport(Library)] internal static extern int sw_dim(IntPtr t);
    [DllImport(Library)] internal static extern long sw_numel(IntPtr t);
    [DllImport(Library)] internal static extern int sw_dtype(IntPtr t);
    [DllImport(Library)] internal static extern void sw_shape(IntPtr t, long* shape);
    [DllImport(Library)] internal static extern void sw_device(IntPtr t, out int type, out int index);
    [DllImport(Library)] internal static extern int sw_copy_to(IntPtr t, void* dst, long nbytes);
    [DllImport(Library)] internal static extern int sw_copy_from(IntPtr t, void* src, long nbytes);
    [DllImport(Library)] internal static extern int sw_item(IntPtr t, out double value);
    [DllImport(Library)] internal static extern int sw_item_long(IntPtr t, out long value);
    [DllImport(Library)] internal static extern IntPtr sw_to(IntPtr t, int dtype, int devType, int devIndex);
    [DllImport(Library)] internal static extern IntPtr sw_clone(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr sw_contiguous(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr sw_detach(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr sw_alias(IntPtr t);

    [DllImport(Library)] internal static extern int sw_requires_grad(IntPtr t);
    [DllImport(Library)] internal static extern int sw_set_requires_grad(IntPtr t, int value);
    [DllImport(Library)] internal static extern IntPtr sw_grad(IntPtr t);
    [DllImport(Library)] internal static extern int sw_zero_grad(IntPtr t);
    [DllImport(Library)] internal static extern int sw_backward(IntPtr t);
    [DllImport(Library)] internal static extern unsafe int sw_autograd_grad(IntPtr output, IntPtr* inputs, int count, IntPtr* results);
    [DllImport(Library)] internal static extern int sw_accumulate_grad(IntPtr t, IntPtr g);
    [DllImport(Library)] internal static extern int sw_set_grad_enabled(int enabled);
    [DllImport(Library)] internal static extern int sw_is_grad_enabled();

    [DllImport(Library)] internal static extern void sw_manual_seed(ulong seed);
    [DllImport(Library)] internal static extern void sw_manual_seed_thread(ulong seed);
    [DllImport(Library)] internal static extern int sw_uniform_(IntPtr t, double low, double high);
    [DllImport(Library)] internal static extern int sw_normal_(IntPtr t, double mean, double std);
    [DllImport(Library)] internal static extern int sw_trunc_normal_(IntPtr t, double mean, double std, double low, double high);

    [DllImport(Library)] internal static extern IntPtr sw_unary(UnaryOp op, IntPtr a);
    [DllImport(Library)] internal static extern IntPtr sw_binary(BinaryOp op, IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr sw_binary_scalar(BinaryOp op, IntPtr a, double s);
    [DllImport(Library)] internal static extern IntPtr sw_add_scaled(IntPtr a, IntPtr b, double alpha);
    [DllImport(Library)] internal static extern int sw_inplace(InplaceOp op, IntPtr a, IntPtr b, double s);
    [DllImport(Library)] internal static extern IntPtr sw_reduce(ReduceOp op, IntPtr a, long* dims, int ndims, int keepdim);
    [DllImport(Library)] internal static extern int sw_max_dim(IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern IntPtr sw_argmax(IntPtr a, long dim, int keepdim);
    [DllImport(Library)] internal static extern IntPtr sw_cumsum(IntPtr a, long dim);

    [DllImport(Library)] internal static extern IntPtr sw_view(IntPtr a, long* shape, int n);
    [DllImport(Library)] internal static extern IntPtr sw_reshape(IntPtr a, long* shape, int n);
    [DllImport(Library)] internal static extern IntPtr sw_expand(IntPtr a, long* shape, int n);
    [DllImport(Library)] internal static extern IntPtr sw_permute(IntPtr a, long* order, int n);
    [DllImport(Library)] internal static extern IntPtr sw_transpose(IntPtr a, long d0, long d1);
    [DllImport(Library)] internal static extern IntPtr sw_unsqueeze(IntPtr a, long dim);
    [DllImport(Library)] internal static extern IntPtr sw_squeeze(IntPtr a, long dim);
    [DllImport(Library)] internal static extern IntPtr sw_narrow(IntPtr a, long dim, long start, long length);
    [DllImport(Library)] internal static extern IntPtr sw_select(IntPtr a, long dim, long index);
    [DllImport(Library)] internal static extern IntPtr sw_tril(IntPtr a, long diagonal);
    [DllImport(Library)] internal static extern IntPtr sw_triu(IntPtr a, long diagonal);
    [DllImport(Library)] internal static extern IntPtr sw_cat(IntPtr* list, int n, long dim);
    [DllImport(Library)] internal static extern IntPtr sw_stack(IntPtr* list, int n, long dim);
    [DllImport(Library)] internal static extern IntPtr sw_index_select(IntPtr a, long dim, IntPtr index);
    [DllImport(Library)] internal static extern IntPtr sw_gather(IntPtr a, long dim, IntPtr index);
    [DllImport(Library)] internal static extern IntPtr sw_masked_fill(IntPtr a, IntPtr mask, double value);
    [DllImport(Library)] internal static extern IntPtr sw_where(IntPtr cond, IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr sw_clamp(IntPtr a, double low, double high);
    [DllImport(Library)] internal static extern int sw_topk(IntPtr a, long k, long dim, int largest, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int sw_sort(IntPtr a, long dim, int descending, out IntPtr values, out IntPtr indices);

    [DllImport(Library)] internal static extern IntPtr sw_softmax(IntPtr a, long dim);
    [DllImport(Library)] internal static extern IntPtr sw_log_softmax(IntPtr a, long dim);
    [DllImport(Library)] internal static extern IntPtr sw_linear(IntPtr x, IntPtr weight, IntPtr bias);
    [DllImport(Library)] internal static extern IntPtr sw_layer_norm(IntPtr x, long normalizedSize, IntPtr weight, IntPtr bias, double eps);
    [DllImport(Library)] internal static extern IntPtr sw_dropout(IntPtr x, double p, int train);
    [DllImport(Library)] internal static extern IntPtr sw_hash_dropout(IntPtr x, double p);
    [DllImport(Library)] internal static extern IntPtr sw_embedding(IntPtr weight, IntPtr indices, long paddingIdx);
    [DllImport(Library)] internal static extern IntPtr sw_cross_entropy(IntPtr logits, IntPtr target, long ignoreIndex, int reduction);
    [DllImport(Library)] internal static extern IntPtr sw_bce_with_logits(IntPtr logits, IntPtr target, int reduction);
    [DllImport(Library)] internal static extern IntPtr sw_fused_softmax_cross_entropy(IntPtr hidden, IntPtr table, IntPtr target, long chunkRows);
    [DllImport(Library)] internal static extern int sw_adam_update(IntPtr param, IntPtr grad, IntPtr expAvg, IntPtr expAvgSq, long step,
        double lr, double beta1, double beta2, double eps, double weightDecay);

    [DllImport(Library)] internal static extern IntPtr sw_version();
    [DllImport(Library)] internal static extern void sw_set_num_threads(int n);
    [DllImport(Library)] internal static extern void sw_parallel_tasks(int tasks, int threads, IntPtr body);
    [DllImport(Library)] internal static extern int sw_get_num_threads();
    [DllImport(Library)] internal static extern int sw_cuda_device_count();
    [DllImport(Library)] internal static extern IntPtr sw_build_config();
    [DllImport(Library)] internal static extern IntPtr sw_blas_library();
    [DllImport(Library)] internal static extern IntPtr sw_openblas_config();
}
