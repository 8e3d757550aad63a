// fclass.s / fclass.d.
#include "vm/engine/fp/fp_arith.h"
#include "vm/engine/fp/fp_format.h"

namespace vm::fp {
namespace detail {
namespace {

template <class F>
uint32_t classify(typename F::Bits x) {
  const bool negative = sign_of<F>(x);
  if (is_nan<F>(x)) return (x & F::kQuietBit) != 0 ? fclass::QUIET_NAN : fclass::SIGNALING_NAN;
  if (is_inf<F>(x)) return negative ? fclass::NEG_INF : fclass::POS_INF;
  if (is_zero<F>(x)) return negative ? fclass::NEG_ZERO : fclass::POS_ZERO;
  if ((x & F::kExpMask) == 0) return negative ? fclass::NEG_SUBNORMAL : fclass::POS_SUBNORMAL;
  return negative ? fclass::NEG_NORMAL : fclass::POS_NORMAL;
}

}  // namespace
}  // namespace detail

uint32_t class_s(uint32_t a) { return detail::classify<detail::F32>(a); }
uint32_t class_d(uint64_t a) { return detail::classify<detail::F64>(a); }

}  // namespace vm::fp
