// One random generator per thread. libtorch's random ops draw from a single process-wide CPU
// generator, so two jobs training at once in one process (worker slots) would reseed and draw from
// the same stream, and neither would be reproducible. Each thread that calls into the shim gets its
// own CPU generator; manual_seed seeds the calling thread's, and every random op of the shim on a
// CPU tensor draws from it. CUDA tensors keep libtorch's per-device generators.
#include "shim.h"

#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

namespace {

at::Generator& thread_generator() {
  thread_local at::Generator generator = at::detail::createCPUGenerator();
  return generator;
}

}  // namespace

c10::optional<at::Generator> sweeps::generator_for(const at::Device& device) {
  if (!device.is_cpu()) return c10::nullopt;
  return thread_generator();
}

uint64_t sweeps::random64() {
  auto& generator = thread_generator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get<at::CPUGeneratorImpl>()->random64();
}

SW_EXPORT void sw_manual_seed_thread(uint64_t seed) {
  auto& generator = thread_generator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_current_seed(seed);
}

SW_EXPORT void sw_manual_seed(uint64_t seed) {
  sw_manual_seed_thread(seed);
  // CUDA generators (and any code outside the shim) stay seeded as torch.manual_seed does.
  at::manual_seed(seed);
}
