// Which memcpy implementation runs: the widest one CPUID reports, or the one VM_MEMCPY_IMPL
// names. The choice is made once, at the first guest_memcpy (or memcpy_selection_error /
// active_memcpy_impl) call, and then guest_memcpy calls the chosen function directly.
#include <cstdlib>
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

// Widest first: best_memcpy_impl() takes the first supported one.
constexpr ImplInfo kImpls[] = {
    {MemcpyImpl::Avx512, "avx512", "avx512f", detail::memcpy_avx512},
    {MemcpyImpl::Avx2, "avx2", "avx2", detail::memcpy_avx2},
    {MemcpyImpl::Sse2, "sse2", "sse2", detail::memcpy_sse2},
    {MemcpyImpl::Scalar, "scalar", "", detail::memcpy_scalar},
};

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

MemcpyImpl best_memcpy_impl() {
  for (const ImplInfo& i : kImpls) {
    if (memcpy_supported(i.impl)) return i.impl;
  }
  return MemcpyImpl::Scalar;
}

MemcpyChoice choose_memcpy_impl(const char* requested, bool (*supported)(MemcpyImpl)) {
  MemcpyChoice c;
  if (requested == nullptr || *requested == '\0') {
    for (const ImplInfo& i : kImpls) {
      if (supported(i.impl)) {
        c.impl = i.impl;
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
