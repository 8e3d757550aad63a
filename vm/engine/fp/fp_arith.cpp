// add/sub/mul/div/sqrt/fma for F and D.
//
// RNE/RTZ/RDN/RUP run on the host SSE unit (host_fpu.h). RMM has no host
// mode and runs in the software core (soft_float.h), except sqrt: a square
// root is never exactly halfway between two floats (the square of a midpoint
// has more significant bits than any float of the format), so RMM and RNE
// give the same result and the same flags.
#include <bit>

#include "vm/engine/fp/fp_arith.h"
#include "vm/engine/fp/fp_format.h"
#include "vm/engine/fp/host_fpu.h"
#include "vm/engine/fp/soft_float.h"

namespace vm::fp {
namespace detail {

bool host_has_fma() {
  static const bool has_fma = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("fma") != 0;
  }();
  return has_fma;
}

namespace {

template <class F>
struct HostType;
template <>
struct HostType<F32> {
  using type = float;
};
template <>
struct HostType<F64> {
  using type = double;
};

template <class F>
using Host = typename HostType<F>::type;

// Runs `op` (one host instruction on bit-cast operands) under `rm` and
// returns its result with NaNs canonicalized.
template <class F, class Op>
typename F::Bits on_host(RoundingMode rm, uint32_t& flags, Op op) {
  HostRounding scope(rm);
  const auto result = std::bit_cast<typename F::Bits>(op());
  flags |= scope.finish();
  return is_nan<F>(result) ? F::kCanonicalNaN : result;
}

template <class F>
Host<F> host(typename F::Bits x) {
  return std::bit_cast<Host<F>>(x);
}

template <class F>
typename F::Bits add(typename F::Bits a, typename F::Bits b, RoundingMode rm, uint32_t& flags) {
  if (rm == RoundingMode::RMM) return soft_add<F>(a, b, rm, flags);
  return on_host<F>(rm, flags, [=] { return host_add(host<F>(a), host<F>(b)); });
}

template <class F>
typename F::Bits sub(typename F::Bits a, typename F::Bits b, RoundingMode rm, uint32_t& flags) {
  if (rm == RoundingMode::RMM) return soft_add<F>(a, b ^ F::kSignMask, rm, flags);
  return on_host<F>(rm, flags, [=] { return host_sub(host<F>(a), host<F>(b)); });
}

template <class F>
typename F::Bits mul(typename F::Bits a, typename F::Bits b, RoundingMode rm, uint32_t& flags) {
  if (rm == RoundingMode::RMM) return soft_mul<F>(a, b, rm, flags);
  return on_host<F>(rm, flags, [=] { return host_mul(host<F>(a), host<F>(b)); });
}

template <class F>
typename F::Bits div(typename F::Bits a, typename F::Bits b, RoundingMode rm, uint32_t& flags) {
  if (rm == RoundingMode::RMM) return soft_div<F>(a, b, rm, flags);
  return on_host<F>(rm, flags, [=] { return host_div(host<F>(a), host<F>(b)); });
}

template <class F>
typename F::Bits sqrt(typename F::Bits a, RoundingMode rm, uint32_t& flags) {
  if (rm == RoundingMode::RMM) rm = RoundingMode::RNE;  // no ties, see top of file
  return on_host<F>(rm, flags, [=] { return host_sqrt(host<F>(a)); });
}

// a*b+c; the fmsub/fnmsub/fnmadd variants flip operand signs first, which is
// exact and keeps signaling NaNs signaling.
template <class F>
typename F::Bits fma(typename F::Bits a, typename F::Bits b, typename F::Bits c, RoundingMode rm,
                     uint32_t& flags) {
  if (rm == RoundingMode::RMM || !host_has_fma()) return soft_fma<F>(a, b, c, rm, flags);
  const auto result =
      on_host<F>(rm, flags, [=] { return host_fma(host<F>(a), host<F>(b), host<F>(c)); });
  // x86 returns a quiet-NaN addend for inf*0+qNaN without raising invalid;
  // RISC-V requires NV for inf*0 whatever the addend.
  if (result == F::kCanonicalNaN &&
      ((is_inf<F>(a) && is_zero<F>(b)) || (is_zero<F>(a) && is_inf<F>(b)))) {
    flags |= flag::NV;
  }
  return result;
}

}  // namespace
}  // namespace detail

using detail::F32;
using detail::F64;
constexpr uint32_t kSign32 = F32::kSignMask;
constexpr uint64_t kSign64 = F64::kSignMask;

uint32_t add_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags) {
  return detail::add<F32>(a, b, rm, flags);
}
uint32_t sub_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags) {
  return detail::sub<F32>(a, b, rm, flags);
}
uint32_t mul_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags) {
  return detail::mul<F32>(a, b, rm, flags);
}
uint32_t div_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags) {
  return detail::div<F32>(a, b, rm, flags);
}
uint32_t sqrt_s(uint32_t a, RoundingMode rm, uint32_t& flags) {
  return detail::sqrt<F32>(a, rm, flags);
}

uint32_t fmadd_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F32>(a, b, c, rm, flags);
}
uint32_t fmsub_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F32>(a, b, c ^ kSign32, rm, flags);
}
uint32_t fnmsub_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F32>(a ^ kSign32, b, c, rm, flags);
}
uint32_t fnmadd_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F32>(a ^ kSign32, b, c ^ kSign32, rm, flags);
}

uint64_t add_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags) {
  return detail::add<F64>(a, b, rm, flags);
}
uint64_t sub_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags) {
  return detail::sub<F64>(a, b, rm, flags);
}
uint64_t mul_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags) {
  return detail::mul<F64>(a, b, rm, flags);
}
uint64_t div_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags) {
  return detail::div<F64>(a, b, rm, flags);
}
uint64_t sqrt_d(uint64_t a, RoundingMode rm, uint32_t& flags) {
  return detail::sqrt<F64>(a, rm, flags);
}

uint64_t fmadd_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F64>(a, b, c, rm, flags);
}
uint64_t fmsub_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F64>(a, b, c ^ kSign64, rm, flags);
}
uint64_t fnmsub_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F64>(a ^ kSign64, b, c, rm, flags);
}
uint64_t fnmadd_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags) {
  return detail::fma<F64>(a ^ kSign64, b, c ^ kSign64, rm, flags);
}

}  // namespace vm::fp
