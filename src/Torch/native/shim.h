// The C ABI between libtorch and Sweeps.Torch. Every function catches C++ exceptions and reports
// them through sw_last_error, so no exception ever unwinds into the .NET runtime.
#pragma once
#include <ATen/ATen.h>
#include <cstdint>
#include <string>

#define SW_EXPORT extern "C" __attribute__((visibility("default")))

using TH = at::Tensor*;

namespace sweeps {

// Wraps a tensor into a heap handle owned by the managed side; counts live handles so tests can
// prove that every intermediate is freed.
TH wrap(at::Tensor t);
void set_error(const char* message);
// Records an allocation failure (any device), which callers retry with less on that device.
void set_out_of_memory_error(const char* message);
// A c10::Error that is an allocation failure: libtorch 1.x's CPU allocator raises a plain c10::Error.
bool is_allocation_failure(const c10::Error& e);
void clear_error();
at::ScalarType to_scalar_type(int code);
int from_scalar_type(at::ScalarType t);
at::Device to_device(int type, int index);
at::IntArrayRef dims(const int64_t* values, int count);
at::Scalar scalar_like(const at::Tensor& t, double value);
// The calling thread's CPU generator for a tensor on `device`; none (libtorch's) elsewhere
// (shim_random.cpp).
c10::optional<at::Generator> generator_for(const at::Device& device);
// 64 random bits from the calling thread's CPU generator.
uint64_t random64();
// GELU with a backward that is right for strided incoming gradients (shim_gelu.cpp).
at::Tensor gelu(const at::Tensor& input);

}  // namespace sweeps

// Runs the body; on a libtorch or standard exception stores its message (and whether it was an
// allocation failure) and returns `fail`.
#define SW_TRY(fail, ...)                                       \
  try {                                                         \
    __VA_ARGS__                                                 \
  } catch (const c10::OutOfMemoryError& e) {                    \
    sweeps::set_out_of_memory_error(e.what_without_backtrace()); \
    return fail;                                                \
  } catch (const c10::Error& e) {                               \
    if (sweeps::is_allocation_failure(e))                       \
      sweeps::set_out_of_memory_error(e.what_without_backtrace()); \
    else                                                        \
      sweeps::set_error(e.what_without_backtrace());            \
    return fail;                                                \
  } catch (const std::bad_alloc& e) {                           \
    sweeps::set_out_of_memory_error(e.what());                  \
    return fail;                                                \
  } catch (const std::exception& e) {                           \
    sweeps::set_error(e.what());                                \
    return fail;                                                \
  }

#define SW_TENSOR(...) SW_TRY(nullptr, return sweeps::wrap(__VA_ARGS__);)
#define SW_STATUS(...) SW_TRY(-1, __VA_ARGS__ return 0;)
