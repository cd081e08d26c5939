#include "shim.h"

#include <atomic>
#include <string_view>

namespace sweeps {

static thread_local std::string last_error;
static thread_local bool last_error_out_of_memory = false;
static std::atomic<int64_t> live_tensors{0};

TH wrap(at::Tensor t) {
  live_tensors.fetch_add(1, std::memory_order_relaxed);
  return new at::Tensor(std::move(t));
}

void set_error(const char* message) {
  last_error = message;
  last_error_out_of_memory = false;
}

void set_out_of_memory_error(const char* message) {
  last_error = message;
  last_error_out_of_memory = true;
}

bool is_allocation_failure(const c10::Error& e) {
  return std::string_view(e.what_without_backtrace()).find("can't allocate memory") != std::string_view::npos;
}

void clear_error() {
  last_error.clear();
  last_error_out_of_memory = false;
}

at::ScalarType to_scalar_type(int code) {
  switch (code) {
    case 0: return at::kFloat;
    case 1: return at::kLong;
    case 2: return at::kBool;
    case 3: return at::kDouble;
    case 4: return at::kInt;
    case 5: return at::kByte;
    default: throw std::invalid_argument("unknown dtype code " + std::to_string(code));
  }
}

int from_scalar_type(at::ScalarType t) {
  switch (t) {
    case at::kFloat: return 0;
    case at::kLong: return 1;
    case at::kBool: return 2;
    case at::kDouble: return 3;
    case at::kInt: return 4;
    case at::kByte: return 5;
    default: return -1;
  }
}

at::Device to_device(int type, int index) {
  if (type == 0) return at::Device(at::kCPU);
  if (type == 1) return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
  throw std::invalid_argument("unknown device type " + std::to_string(type));
}

at::IntArrayRef dims(const int64_t* values, int count) { return at::IntArrayRef(values, static_cast<size_t>(count)); }

at::Scalar scalar_like(const at::Tensor& t, double value) {
  // An integral tensor combined with a whole number stays integral, as in PyTorch.
  if (at::isIntegralType(t.scalar_type(), /*includeBool=*/false) && value == static_cast<double>(static_cast<int64_t>(value)))
    return at::Scalar(static_cast<int64_t>(value));
  return at::Scalar(value);
}

}  // namespace sweeps

SW_EXPORT const char* sw_last_error() { return sweeps::last_error.c_str(); }
SW_EXPORT int sw_last_error_is_out_of_memory() { return sweeps::last_error_out_of_memory ? 1 : 0; }
SW_EXPORT int64_t sw_live_tensors() { return sweeps::live_tensors.load(std::memory_order_relaxed); }

SW_EXPORT void sw_free(TH t) {
  if (t == nullptr) return;
  delete t;
  sweeps::live_tensors.fetch_sub(1, std::memory_order_relaxed);
}
