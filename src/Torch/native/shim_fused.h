// Softmax cross-entropy over a whole catalogue with its gradients, computed without storing the
// rows × classes logits (shim_fused.cpp, shim_fused_cpu.cpp).
#pragma once
#include <ATen/ATen.h>

namespace sweeps {

// The mean loss over rows and its gradients with respect to hidden (rows, d) and table (C, d).
struct FusedLossAndGradients {
  at::Tensor loss;
  at::Tensor grad_hidden;
  at::Tensor grad_table;
};

// Any device and dtype: row chunks of `chunk_rows` × all classes, built from libtorch ops.
FusedLossAndGradients fused_cross_entropy_chunked(const at::Tensor& hidden, const at::Tensor& table,
                                                  const at::Tensor& target, int64_t chunk_rows);

// CPU float32: rows × items tiles that stay in a core's cache, items split across threads.
FusedLossAndGradients fused_cross_entropy_cpu_tiled(const at::Tensor& hidden, const at::Tensor& table,
                                                    const at::Tensor& target, int64_t row_block);

}  // namespace sweeps
