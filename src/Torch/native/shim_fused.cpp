// Softmax cross-entropy over a whole catalogue, fused with its gradient: the rows × items logit
// matrix is never materialised, and the gradients are produced in the forward pass (training
// always needs them), so backward is a scale. CPU float32 takes the cache-tiled kernel
// (shim_fused_cpu.cpp); anything else row chunks built from libtorch ops.
#include "shim.h"
#include "shim_fused.h"

#include <torch/csrc/autograd/custom_function.h>

using namespace sweeps;
using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

FusedLossAndGradients sweeps::fused_cross_entropy_chunked(const at::Tensor& hidden, const at::Tensor& table,
                                                          const at::Tensor& target, int64_t chunk_rows) {
  const int64_t rows = hidden.size(0);
  chunk_rows = std::max<int64_t>(1, chunk_rows);
  auto grad_hidden = at::empty_like(hidden);
  auto grad_table = at::zeros_like(table);
  auto loss_sum = at::zeros({}, hidden.options());
  auto logits_buffer = at::empty({std::min(chunk_rows, rows), table.size(0)}, hidden.options());
  const auto table_t = table.t();
  for (int64_t start = 0; start < rows; start += chunk_rows) {
    const int64_t len = std::min(chunk_rows, rows - start);
    auto h = hidden.narrow(0, start, len);
    auto t = target.narrow(0, start, len).unsqueeze(1);
    auto logits = logits_buffer.narrow(0, 0, len);
    at::mm_out(logits, h, table_t);
    // One exp pass: logsumexp would exponentiate once for the loss and exp_ again for the
    // probabilities.
    auto target_logit = logits.gather(1, t);
    auto row_max = at::amax(logits, {1}, /*keepdim=*/true);
    logits.sub_(row_max).exp_();
    auto row_sum = logits.sum(1, /*keepdim=*/true);
    loss_sum.add_((row_sum.log() + row_max - target_logit).sum());
    logits.div_(row_sum);  // now softmax probabilities
    logits.scatter_add_(1, t, at::full({len, 1}, -1.0, logits.options()));
    auto grad_rows = grad_hidden.narrow(0, start, len);
    at::mm_out(grad_rows, logits, table);
    grad_table.addmm_(logits.t(), h);
  }
  const double scale = 1.0 / static_cast<double>(rows);
  return {loss_sum.mul_(scale), grad_hidden.mul_(scale), grad_table.mul_(scale)};
}

namespace {

struct FusedSoftmaxCrossEntropy : public torch::autograd::Function<FusedSoftmaxCrossEntropy> {
  // hidden (T, d); table (C, d); target (T) with class indices in [0, C). Returns the mean loss.
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& hidden, const at::Tensor& table,
                            const at::Tensor& target, int64_t chunk_rows) {
    TORCH_CHECK(hidden.size(0) > 0, "fused cross-entropy needs at least one target row");
    TORCH_CHECK(target.dim() == 1 && target.size(0) == hidden.size(0), "target must have one class per hidden row");
    const bool tiled = hidden.is_cpu() && hidden.scalar_type() == at::kFloat && table.scalar_type() == at::kFloat;
    auto result = tiled ? fused_cross_entropy_cpu_tiled(hidden, table, target, chunk_rows)
                        : fused_cross_entropy_chunked(hidden, table, target, chunk_rows);
    ctx->save_for_backward({result.grad_hidden, result.grad_table});
    return result.loss;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_output) {
    auto saved = ctx->get_saved_variables();
    const auto& g = grad_output[0];
    return {saved[0] * g, saved[1] * g, at::Tensor(), at::Tensor()};
  }
};

}  // namespace

SW_EXPORT TH sw_fused_softmax_cross_entropy(TH hidden, TH table, TH target, int64_t chunk_rows) {
  SW_TENSOR(FusedSoftmaxCrossEntropy::apply(*hidden, *table, *target, chunk_rows))
}
