// Neural-network functions and the Adam update.
#include "shim.h"

using namespace sweeps;

SW_EXPORT TH sw_softmax(TH a, int64_t dim) { SW_TENSOR(at::softmax(*a, dim)) }
SW_EXPORT TH sw_log_softmax(TH a, int64_t dim) { SW_TENSOR(at::log_softmax(*a, dim)) }

SW_EXPORT TH sw_linear(TH x, TH weight, TH bias) {
  SW_TENSOR(at::linear(*x, *weight, bias ? c10::optional<at::Tensor>(*bias) : c10::nullopt))
}

SW_EXPORT TH sw_layer_norm(TH x, int64_t normalized_size, TH weight, TH bias, double eps) {
  SW_TENSOR(at::layer_norm(*x, {normalized_size}, weight ? c10::optional<at::Tensor>(*weight) : c10::nullopt,
                           bias ? c10::optional<at::Tensor>(*bias) : c10::nullopt, eps))
}

// at::dropout's own mask comes from the process-wide generator; this is its computation with the
// thread's (shim_random.cpp).
SW_EXPORT TH sw_dropout(TH x, double p, int train) {
  SW_TRY(nullptr, {
    TORCH_CHECK(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
    if (train == 0 || p == 0) return wrap(*x);
    if (p == 1) return wrap(*x * 0);
    auto mask = at::empty_like(*x, at::MemoryFormat::Contiguous).bernoulli_(1 - p, generator_for(x->device()));
    return wrap(*x * mask.div_(1 - p));
  })
}

SW_EXPORT TH sw_embedding(TH weight, TH indices, int64_t padding_idx) {
  SW_TENSOR(at::embedding(*weight, *indices, padding_idx))
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction's numbering).
SW_EXPORT TH sw_cross_entropy(TH logits, TH target, int64_t ignore_index, int reduction) {
  SW_TENSOR(at::cross_entropy_loss(*logits, *target, c10::nullopt, reduction, ignore_index))
}

SW_EXPORT TH sw_bce_with_logits(TH logits, TH target, int reduction) {
  SW_TENSOR(at::binary_cross_entropy_with_logits(*logits, *target, c10::nullopt, c10::nullopt, reduction))
}

// One Adam step for one parameter, as torch.optim.Adam computes it (L2 weight decay added to the
// gradient, bias-corrected moments). Moments live in managed-owned tensors so they checkpoint.
SW_EXPORT int sw_adam_update(TH param, TH grad, TH exp_avg, TH exp_avg_sq, int64_t step, double lr, double beta1,
                             double beta2, double eps, double weight_decay) {
  SW_STATUS({
    at::NoGradGuard no_grad;
    at::Tensor g = weight_decay != 0 ? grad->add(*param, weight_decay) : *grad;
    exp_avg->mul_(beta1).add_(g, 1 - beta1);
    exp_avg_sq->mul_(beta2).addcmul_(g, g, 1 - beta2);
    double bias1 = 1 - std::pow(beta1, static_cast<double>(step));
    double bias2 = 1 - std::pow(beta2, static_cast<double>(step));
    at::Tensor denom = (exp_avg_sq->sqrt() / std::sqrt(bias2)).add_(eps);
    param->addcdiv_(*exp_avg, denom, -lr / bias1);
  })
}
