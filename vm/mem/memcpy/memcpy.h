// The VM's bulk copy: vm::mem::guest_memcpy, with one implementation per x86-64 vector width
// (scalar, SSE2, AVX2, AVX-512). Every implementation is compiled on every machine (function
// target attributes); the one used is chosen once, at the first call, from CPUID, unless the
// environment variable VM_MEMCPY_IMPL=avx512|avx2|sse2|scalar names one. A choice that is not
// a known name or that this CPU cannot run is an error: memcpy_selection_error() says so in one
// line (for the CLIs to print before they start), and guest_memcpy throws it.
//
// The ranges must not overlap, as for std::memcpy. Copies of at least
// memcpy_nontemporal_threshold() bytes use non-temporal (streaming) stores.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vm::mem {

enum class MemcpyImpl { Scalar, Sse2, Avx2, Avx512 };
inline constexpr std::array<MemcpyImpl, 4> kMemcpyImpls = {MemcpyImpl::Scalar, MemcpyImpl::Sse2,
                                                           MemcpyImpl::Avx2, MemcpyImpl::Avx512};

using MemcpyFunction = void (*)(void* dst, const void* src, size_t n);

// "scalar", "sse2", "avx2", "avx512" (the values VM_MEMCPY_IMPL accepts).
std::string_view memcpy_impl_name(MemcpyImpl impl);
std::optional<MemcpyImpl> parse_memcpy_impl(std::string_view name);

// The CPU features an implementation needs, e.g. "avx512f", and whether this CPU has them.
std::string_view memcpy_impl_requirement(MemcpyImpl impl);
bool memcpy_supported(MemcpyImpl impl);

// The implementation's function (callable only when memcpy_supported(impl)).
MemcpyFunction memcpy_function(MemcpyImpl impl);

// The implementation an unset VM_MEMCPY_IMPL selects: the widest this CPU supports, except
// that AVX2 comes before AVX-512 on AMD family 19h (Zen 4 splits 512-bit accesses in two, and
// AVX2 measured 1-5% faster there).
MemcpyImpl best_memcpy_impl();

// What VM_MEMCPY_IMPL (`requested`; null or empty: not set, best_memcpy_impl's order) selects
// on a CPU that supports what `supported` says: the implementation, or the one-line error
// "VM_MEMCPY_IMPL=<value>: <reason>".
struct MemcpyChoice {
  MemcpyImpl impl = MemcpyImpl::Scalar;
  std::string error;  // empty: `impl` is the choice
};
MemcpyChoice choose_memcpy_impl(const char* requested,
                                bool (*supported)(MemcpyImpl) = memcpy_supported);

// The process's choice, made once from VM_MEMCPY_IMPL. active_memcpy_impl() throws
// std::runtime_error with the selection error if there is one.
std::optional<std::string> memcpy_selection_error();
MemcpyImpl active_memcpy_impl();

namespace detail {
// Starts as a function that makes the choice, stores the chosen function here and copies.
extern std::atomic<MemcpyFunction> g_guest_memcpy;
}  // namespace detail

// The hot entry point: copies n bytes through the implementation chosen for this process (one
// relaxed load, a plain mov on x86-64, and an indirect call). Throws std::runtime_error with
// the selection error if VM_MEMCPY_IMPL is invalid.
inline void guest_memcpy(void* dst, const void* src, size_t n) {
  detail::g_guest_memcpy.load(std::memory_order_relaxed)(dst, src, n);
}

}  // namespace vm::mem
