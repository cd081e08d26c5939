// GELU composed from erf. libtorch 1.13's own GELU kernels take their `approximate` argument as a
// string_view, and through this shim their backward returned garbage (or crashed) when the incoming
// gradient was a strided view, as a broadcast matmul's backward produces: token mixing trained on
// noise and differed run to run. GradientTests pins the case. This is the exact (erf) form that
// at::gelu computes by default; autograd differentiates erf itself.
#include "shim.h"

#include <cmath>

at::Tensor sweeps::gelu(const at::Tensor& input) {
  return input * 0.5 * (at::erf(input * M_SQRT1_2) + 1.0);
}
