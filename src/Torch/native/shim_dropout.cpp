// Dropout whose mask comes from a counter-based hash instead of libtorch's sequential Mersenne
// Twister: the mask of element i depends only on (seed, i), so it is filled in parallel, vectorises,
// and is the same whatever the thread count. The seed is drawn from the thread's generator
// (shim_random.cpp), so torch.manual_seed still makes runs reproducible. libtorch's bernoulli_
// was about a quarter of a training step on CPU.
#include "shim.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

using namespace sweeps;
using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

namespace {

inline uint32_t mix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x7feb352dU;
  h ^= h >> 15;
  h *= 0x846ca68bU;
  h ^= h >> 16;
  return h;
}

__attribute__((target_clones("avx2", "default")))
void fill_mask(float* mask, int64_t begin, int64_t end, uint32_t seed_low, uint32_t seed_high, uint32_t threshold, float scale) {
  for (int64_t i = begin; i < end; ++i) {
    uint32_t h = mix32(mix32(static_cast<uint32_t>(i) ^ seed_low) ^ seed_high);
    mask[i] = h >= threshold ? scale : 0.0f;
  }
}

struct HashDropout : public torch::autograd::Function<HashDropout> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, double p) {
    TORCH_CHECK(p >= 0 && p < 1, "dropout probability must be in [0, 1), got ", p);
    auto mask = at::empty(input.sizes(), input.options().device(at::kCPU).dtype(at::kFloat));
    const uint64_t seed = random64();
    const auto threshold = static_cast<uint32_t>(p * 4294967296.0);
    const auto scale = static_cast<float>(1.0 / (1.0 - p));
    float* data = mask.data_ptr<float>();
    at::parallel_for(0, mask.numel(), 1 << 16, [&](int64_t begin, int64_t end) {
      fill_mask(data, begin, end, static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32), threshold, scale);
    });
    mask = mask.to(input.options());
    ctx->save_for_backward({mask});
    return input * mask;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_output) {
    return {grad_output[0] * ctx->get_saved_variables()[0], at::Tensor()};
  }
};

}  // namespace

SW_EXPORT TH sw_hash_dropout(TH input, double p) { SW_TENSOR(HashDropout::apply(*input, p)) }
