// Which memcpy implementation runs: the widest one CPUID reports (but AVX2 rather than AVX-512
// on AMD family 19h, see below), or the one VM_MEMCPY_IMPL names. The choice is made once, at
// the first guest_memcpy (or memcpy_selection_error / active_memcpy_impl) call, and then
// guest_memcpy calls the chosen function directly.
#include <cpuid.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "vm/mem/memcpy/memcpy.h"
#include "vm/mem/memcpy/memcpy_impls.h"

namespace vm::mem {

namespace {

struct ImplInfo {
  MemcpyImpl impl;
  std::string_view name;
  std::string_view requirement;  // CPUID feature, as __builtin_cpu_supports names it
  MemcpyFunction function;
};

// Widest first.
constexpr ImplInfo kImpls[] = {
    {MemcpyImpl::Avx512, "avx512", "avx512f", detail::memcpy_avx512},
    {MemcpyImpl::Avx2, "avx2", "avx2", detail::memcpy_avx2},
    {MemcpyImpl::Sse2, "sse2", "sse2", detail::memcpy_sse2},
    {MemcpyImpl::Scalar, "scalar", "", detail::memcpy_scalar},
};

// AMD family 19h (Zen 3, Zen 4; only Zen 4 has AVX-512) executes a 512-bit load or store as two
// 256-bit halves, so 64-byte vectors buy nothing. Measured on a Zen 4 guest (pinned, 3 processes
// x 8 interleaved repetitions, GB/s of the medians): avx2 / avx512 at 16 KiB 108.1 / 103.4,
// 256 KiB 56.1 / 54.3, 1 MiB 47.7 / 46.4, each of the 3 processes in the same order; equal
// (within 1%) at 64 B..4 KiB. So there AVX2 comes first.
bool avx512_is_half_width() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return false;
  char vendor[12];
  std::memcpy(vendor, &ebx, 4), std::memcpy(vendor + 4, &edx, 4), std::memcpy(vendor + 8, &ecx, 4);
  if (std::memcmp(vendor, "AuthenticAMD", 12) != 0) return false;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
  const unsigned base = (eax >> 8) & 0xf;
  const unsigned family = base == 0xf ? base + ((eax >> 20) & 0xff) : base;
  return family == 0x19;
}

// The order in which an unset VM_MEMCPY_IMPL tries the implementations.
std::array<MemcpyImpl, 4> preference_order() {
  static const bool avx2_first = avx512_is_half_width();
  if (avx2_first) {
    return {MemcpyImpl::Avx2, MemcpyImpl::Avx512, MemcpyImpl::Sse2, MemcpyImpl::Scalar};
  }
  return {MemcpyImpl::Avx512, MemcpyImpl::Avx2, MemcpyImpl::Sse2, MemcpyImpl::Scalar};
}

const ImplInfo& info(MemcpyImpl impl) {
  for (const ImplInfo& i : kImpls) {
    if (i.impl == impl) return i;
  }
  throw std::invalid_argument("unknown MemcpyImpl");
}

struct Selection {
  MemcpyImpl impl = MemcpyImpl::Scalar;
  std::string error;
};

const Selection& selection() {
  static const Selection chosen = [] {
    const MemcpyChoice c = choose_memcpy_impl(std::getenv("VM_MEMCPY_IMPL"));
    return Selection{c.impl, c.error};
  }();
  return chosen;
}

void choose_then_copy(void* dst, const void* src, size_t n) {
  const MemcpyFunction f = memcpy_function(active_memcpy_impl());
  detail::g_guest_memcpy.store(f, std::memory_order_relaxed);
  f(dst, src, n);
}

}  // namespace

constinit std::atomic<MemcpyFunction> detail::g_guest_memcpy{choose_then_copy};

std::string_view memcpy_impl_name(MemcpyImpl impl) { return info(impl).name; }

std::optional<MemcpyImpl> parse_memcpy_impl(std::string_view name) {
  for (const ImplInfo& i : kImpls) {
    if (i.name == name) return i.impl;
  }
  return std::nullopt;
}

std::string_view memcpy_impl_requirement(MemcpyImpl impl) { return info(impl).requirement; }

bool memcpy_supported(MemcpyImpl impl) {
  __builtin_cpu_init();  // the CPUID data may be asked for before libgcc's constructor ran
  switch (impl) {
    case MemcpyImpl::Scalar: return true;
    case MemcpyImpl::Sse2: return __builtin_cpu_supports("sse2");
    case MemcpyImpl::Avx2: return __builtin_cpu_supports("avx2");
    case MemcpyImpl::Avx512: return __builtin_cpu_supports("avx512f");
  }
  return false;
}

MemcpyFunction memcpy_function(MemcpyImpl impl) { return info(impl).function; }

MemcpyImpl best_memcpy_impl() { return choose_memcpy_impl(nullptr).impl; }

MemcpyChoice choose_memcpy_impl(const char* requested, bool (*supported)(MemcpyImpl)) {
  MemcpyChoice c;
  if (requested == nullptr || *requested == '\0') {
    for (const MemcpyImpl impl : preference_order()) {
      if (supported(impl)) {
        c.impl = impl;
        return c;
      }
    }
    return c;
  }
  const std::string prefix = std::string("VM_MEMCPY_IMPL=") + requested + ": ";
  const std::optional<MemcpyImpl> impl = parse_memcpy_impl(requested);
  if (!impl) {
    c.error = prefix + "unknown memcpy implementation (expected avx512, avx2, sse2 or scalar)";
    return c;
  }
  if (!supported(*impl)) {
    std::string here;
    for (const ImplInfo& i : kImpls) {
      if (supported(i.impl)) here += (here.empty() ? "" : ", ") + std::string(i.name);
    }
    c.error = prefix + "this CPU lacks " + std::string(info(*impl).requirement) +
              " (usable here: " + here + ")";
    return c;
  }
  c.impl = *impl;
  return c;
}

std::optional<std::string> memcpy_selection_error() {
  const Selection& s = selection();
  if (s.error.empty()) return std::nullopt;
  return s.error;
}

MemcpyImpl active_memcpy_impl() {
  const Selection& s = selection();
  if (!s.error.empty()) throw std::runtime_error(s.error);
  return s.impl;
}

}  // namespace vm::mem
