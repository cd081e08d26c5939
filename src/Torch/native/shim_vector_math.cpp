#include "shim_vector_math.h"

#include <cstring>

#define SW_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

SW_VECTOR_CLONES
float sweeps::max_of(const float* x, int64_t n) {
  float m = -3.0e38f;
#pragma omp simd reduction(max : m)
  for (int64_t i = 0; i < n; ++i) m = x[i] > m ? x[i] : m;
  return m;
}

SW_VECTOR_CLONES
float sweeps::exp_shifted(float* x, int64_t n, float shift) {
  // Adding then subtracting 1.5·2²³ rounds to the nearest integer without a libm call.
  constexpr float round_magic = 12582912.0f;
  constexpr float log2e = 1.44269504088896341f;
  constexpr float ln2_high = 0.693359375f;
  constexpr float ln2_low = -2.12194440e-4f;
  float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
  for (int64_t i = 0; i < n; ++i) {
    float v = x[i] - shift;
    v = v < -87.0f ? -87.0f : v;
    const float k = (v * log2e + round_magic) - round_magic;
    const float r = (v - k * ln2_high) - k * ln2_low;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    const int32_t bits = (static_cast<int32_t>(k) + 127) << 23;
    float two_to_k;
    std::memcpy(&two_to_k, &bits, sizeof two_to_k);
    const float e = p * two_to_k;
    x[i] = e;
    sum += e;
  }
  return sum;
}
