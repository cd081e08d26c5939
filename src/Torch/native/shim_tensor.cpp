// Creation, metadata, data transfer and autograd state of tensors.
#include "shim.h"

#include <torch/csrc/autograd/autograd.h>

#include <cstring>
#include <vector>

using namespace sweeps;

static at::TensorOptions options(int dtype, int dev_type, int dev_index) {
  return at::TensorOptions().dtype(to_scalar_type(dtype)).device(to_device(dev_type, dev_index));
}

SW_EXPORT TH sw_from_data(const void* data, const int64_t* shape, int ndim, int dtype) {
  SW_TENSOR(at::from_blob(const_cast<void*>(data), dims(shape, ndim), at::TensorOptions().dtype(to_scalar_type(dtype))).clone())
}

SW_EXPORT TH sw_empty(const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index) {
  SW_TENSOR(at::empty(dims(shape, ndim), options(dtype, dev_type, dev_index)))
}

SW_EXPORT TH sw_full(const int64_t* shape, int ndim, double value, int dtype, int dev_type, int dev_index) {
  SW_TENSOR(at::full(dims(shape, ndim), value, options(dtype, dev_type, dev_index)))
}

SW_EXPORT TH sw_arange(double start, double end, double step, int dtype, int dev_type, int dev_index) {
  SW_TENSOR(at::arange(start, end, step, options(dtype, dev_type, dev_index)))
}

SW_EXPORT TH sw_rand(const int64_t* shape, int ndim, int normal, int dtype, int dev_type, int dev_index) {
  const auto o = options(dtype, dev_type, dev_index);
  SW_TENSOR(normal ? at::randn(dims(shape, ndim), generator_for(o.device()), o)
                   : at::rand(dims(shape, ndim), generator_for(o.device()), o))
}

SW_EXPORT TH sw_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dev_type, int dev_index) {
  const auto o = options(1, dev_type, dev_index);
  SW_TENSOR(at::randint(low, high, dims(shape, ndim), generator_for(o.device()), o))
}

SW_EXPORT int sw_dim(TH t) { return static_cast<int>(t->dim()); }
SW_EXPORT int64_t sw_numel(TH t) { return t->numel(); }
SW_EXPORT int sw_dtype(TH t) { return from_scalar_type(t->scalar_type()); }

SW_EXPORT void sw_shape(TH t, int64_t* out) {
  auto sizes = t->sizes();
  std::memcpy(out, sizes.data(), sizes.size() * sizeof(int64_t));
}

SW_EXPORT void sw_device(TH t, int* type, int* index) {
  *type = t->device().is_cuda() ? 1 : 0;
  *index = t->device().has_index() ? t->device().index() : 0;
}

// Copies the tensor's elements, in row-major order, into a managed buffer of exactly nbytes.
SW_EXPORT int sw_copy_to(TH t, void* dst, int64_t nbytes) {
  SW_STATUS({
    at::Tensor c = t->detach().to(at::kCPU).contiguous();
    int64_t have = c.numel() * static_cast<int64_t>(c.element_size());
    if (have != nbytes) throw std::invalid_argument("buffer of " + std::to_string(nbytes) + " bytes for a tensor of " + std::to_string(have));
    std::memcpy(dst, c.data_ptr(), static_cast<size_t>(nbytes));
  })
}

// Overwrites the tensor's elements in place from a managed buffer (used by state loading).
SW_EXPORT int sw_copy_from(TH t, const void* src, int64_t nbytes) {
  SW_STATUS({
    at::NoGradGuard no_grad;
    auto source = at::from_blob(const_cast<void*>(src), t->sizes(), at::TensorOptions().dtype(t->scalar_type()));
    if (source.numel() * static_cast<int64_t>(source.element_size()) != nbytes) throw std::invalid_argument("byte count does not match the tensor");
    t->copy_(source);
  })
}

SW_EXPORT int sw_item(TH t, double* out) { SW_STATUS(*out = t->item<double>();) }
SW_EXPORT int sw_item_long(TH t, int64_t* out) { SW_STATUS(*out = t->item<int64_t>();) }

SW_EXPORT TH sw_to(TH t, int dtype, int dev_type, int dev_index) {
  SW_TENSOR(t->to(options(dtype, dev_type, dev_index)))
}
SW_EXPORT TH sw_clone(TH t) { SW_TENSOR(t->clone()) }
SW_EXPORT TH sw_contiguous(TH t) { SW_TENSOR(t->contiguous()) }
SW_EXPORT TH sw_detach(TH t) { SW_TENSOR(t->detach()) }
SW_EXPORT TH sw_alias(TH t) { SW_TENSOR(*t) }

SW_EXPORT int sw_requires_grad(TH t) { return t->requires_grad() ? 1 : 0; }
SW_EXPORT int sw_set_requires_grad(TH t, int value) { SW_STATUS(t->requires_grad_(value != 0);) }

// Returns the gradient, or null with an empty error when there is none yet.
SW_EXPORT TH sw_grad(TH t) {
  SW_TRY(nullptr, {
    const at::Tensor& g = t->grad();
    if (!g.defined()) {
      clear_error();
      return nullptr;
    }
    return wrap(g);
  })
}

SW_EXPORT int sw_zero_grad(TH t) {
  SW_STATUS({
    // Dropping the gradient (as set_to_none) lets the next backward write it fresh, without a fill.
    t->mutable_grad() = at::Tensor();
  })
}

SW_EXPORT int sw_backward(TH t) { SW_STATUS(t->backward();) }

// d output / d inputs[i] into results[i] (null where an input does not reach the output), without
// touching the inputs' accumulated gradients.
SW_EXPORT int sw_autograd_grad(TH output, TH* inputs, int count, TH* results) {
  SW_STATUS({
    std::vector<at::Tensor> leaves;
    for (int i = 0; i < count; ++i) leaves.push_back(*inputs[i]);
    auto grads = torch::autograd::grad({*output}, leaves, /*grad_outputs=*/{}, /*retain_graph=*/false,
                                       /*create_graph=*/false, /*allow_unused=*/true);
    for (int i = 0; i < count; ++i) results[i] = grads[i].defined() ? wrap(grads[i]) : nullptr;
  })
}

// t.grad += g (t.grad = a copy of g when there is none).
SW_EXPORT int sw_accumulate_grad(TH t, TH g) {
  SW_STATUS({
    at::NoGradGuard no_grad;
    auto& grad = t->mutable_grad();
    if (grad.defined()) grad.add_(*g); else grad = g->detach().clone();
  })
}

SW_EXPORT int sw_set_grad_enabled(int enabled) {
  bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}
SW_EXPORT int sw_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

SW_EXPORT int sw_uniform_(TH t, double low, double high) { SW_STATUS({ at::NoGradGuard g; t->uniform_(low, high, generator_for(t->device())); }) }
SW_EXPORT int sw_normal_(TH t, double mean, double std) { SW_STATUS({ at::NoGradGuard g; t->normal_(mean, std, generator_for(t->device())); }) }

// Truncated normal by inverse-CDF sampling: exact, no rejection loop, values inside [low, high].
SW_EXPORT int sw_trunc_normal_(TH t, double mean, double std, double low, double high) {
  SW_STATUS({
    at::NoGradGuard g;
    auto cdf = [](double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; };
    double l = cdf((low - mean) / std), u = cdf((high - mean) / std);
    t->uniform_(2 * l - 1, 2 * u - 1, generator_for(t->device()));
    t->erfinv_();
    t->mul_(std * std::sqrt(2.0));
    t->add_(mean);
    t->clamp_(low, high);
  })
}
