// What the process runs on: libtorch version, threads, BLAS library, CUDA devices.
#include "shim.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <ATen/Context.h>
#include <torch/version.h>
#include <dlfcn.h>

using namespace sweeps;

static std::string runtime_text;

SW_EXPORT const char* sw_version() { return TORCH_VERSION; }

SW_EXPORT void sw_set_num_threads(int n) { at::set_num_threads(n); }
SW_EXPORT int sw_get_num_threads() { return at::get_num_threads(); }

// Runs body(0), …, body(tasks − 1) on an OpenMP team of `threads` (task i on thread i mod
// threads). Inside the team libtorch's kernels and the OpenMP BLAS see a parallel region and run
// single-threaded, so each task uses one core however the process's thread count is set. The body
// must not throw.
SW_EXPORT void sw_parallel_tasks(int tasks, int threads, void (*body)(int)) {
#pragma omp parallel for num_threads(threads) schedule(static, 1)
  for (int task = 0; task < tasks; ++task) body(task);
}

SW_EXPORT int sw_cuda_device_count() {
  return at::globalContext().hasCUDA() ? static_cast<int>(at::detail::getCUDAHooks().getNumGPUs()) : 0;
}

SW_EXPORT const char* sw_build_config() {
  runtime_text = at::show_config();
  return runtime_text.c_str();
}

// The file that provides sgemm_ to this process: Debian's libtorch takes BLAS from whatever
// libblas.so.3 resolves to, which may be the slow reference implementation.
SW_EXPORT const char* sw_blas_library() {
  void* symbol = dlsym(RTLD_DEFAULT, "sgemm_");
  Dl_info info{};
  if (symbol == nullptr || dladdr(symbol, &info) == 0 || info.dli_fname == nullptr) return "";
  char resolved[4096];
  runtime_text = realpath(info.dli_fname, resolved) ? resolved : info.dli_fname;
  return runtime_text.c_str();
}

// OpenBLAS's own description (kernel, threading), or empty when BLAS is not OpenBLAS.
SW_EXPORT const char* sw_openblas_config() {
  using config_fn = char* (*)();
  using threads_fn = int (*)();
  auto config = reinterpret_cast<config_fn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
  auto core = reinterpret_cast<config_fn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
  auto threads = reinterpret_cast<threads_fn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  if (config == nullptr) return "";
  runtime_text = std::string(config()) + "; core " + (core ? core() : "?") + "; threads " +
                 std::to_string(threads ? threads() : -1);
  return runtime_text.c_str();
}
