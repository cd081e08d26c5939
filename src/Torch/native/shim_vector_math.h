// Loops over contiguous float runs that the fused loss needs in its innermost step. GCC
// vectorises them for the best instruction set the CPU has (function multi-versioning), without
// the exact-IEEE reductions that would keep a plain loop scalar.
#pragma once
#include <cstdint>

namespace sweeps {

// max over x[0, n).
float max_of(const float* x, int64_t n);

// x[i] = exp(x[i] − shift) in place; returns the sum of the new values. exp is a
// degree-6 polynomial after Cody–Waite range reduction (relative error ≈ 1e-6); arguments below
// −87 give 2⁻¹²⁶ instead of underflowing, which a softmax sum cannot tell from 0.
float exp_shifted(float* x, int64_t n, float shift);

}  // namespace sweeps
