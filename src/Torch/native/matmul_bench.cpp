// The same libtorch matmul the managed benchmark runs, called from C++: the reference for the
// binding's overhead. Prints GFLOP/s of an n×n float32 matmul into a preallocated output.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 2048;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 20;
  if (argc > 3) at::set_num_threads(std::atoi(argv[3]));
  at::manual_seed(0);
  auto a = at::randn({n, n}), b = at::randn({n, n}), c = at::empty({n, n});
  for (int i = 0; i < 3; ++i) at::mm_out(c, a, b);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) at::mm_out(c, a, b);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.1f\n", 2.0 * n * n * n * reps / seconds / 1e9);
  return 0;
}
