// fmin/fmax and feq/flt/fle, in integer arithmetic on the bit patterns (no
// host FP unit involved, so no rounding-mode or flag bookkeeping).
#include "vm/engine/fp/fp_arith.h"
#include "vm/engine/fp/fp_format.h"

namespace vm::fp {
namespace detail {
namespace {

// Maps a non-NaN bit pattern to an unsigned key whose order is the numeric
// order, with -0 just below +0 (the order fmin/fmax need).
template <class F>
typename F::Bits order_key(typename F::Bits x) {
  return sign_of<F>(x) ? ~x : (x | F::kSignMask);
}

// fmin/fmax, RISC-V v2.2: a single NaN operand is ignored, two NaNs give the
// canonical NaN, any signaling NaN raises NV, and -0 < +0.
template <class F>
typename F::Bits min_max(typename F::Bits a, typename F::Bits b, bool want_max, uint32_t& flags) {
  if (is_snan<F>(a) || is_snan<F>(b)) flags |= flag::NV;
  if (is_nan<F>(a)) return is_nan<F>(b) ? F::kCanonicalNaN : b;
  if (is_nan<F>(b)) return a;
  const bool a_below = order_key<F>(a) < order_key<F>(b);
  return a_below != want_max ? a : b;
}

// Quiet equality: NV only for signaling NaNs; +0 == -0.
template <class F>
bool eq(typename F::Bits a, typename F::Bits b, uint32_t& flags) {
  if (is_nan<F>(a) || is_nan<F>(b)) {
    if (is_snan<F>(a) || is_snan<F>(b)) flags |= flag::NV;
    return false;
  }
  return a == b || (is_zero<F>(a) && is_zero<F>(b));
}

// Signaling comparisons: NV for any NaN operand.
template <class F>
bool lt(typename F::Bits a, typename F::Bits b, uint32_t& flags) {
  if (is_nan<F>(a) || is_nan<F>(b)) {
    flags |= flag::NV;
    return false;
  }
  if (is_zero<F>(a) && is_zero<F>(b)) return false;
  return order_key<F>(a) < order_key<F>(b);
}

template <class F>
bool le(typename F::Bits a, typename F::Bits b, uint32_t& flags) {
  if (is_nan<F>(a) || is_nan<F>(b)) {
    flags |= flag::NV;
    return false;
  }
  if (is_zero<F>(a) && is_zero<F>(b)) return true;
  return order_key<F>(a) <= order_key<F>(b);
}

}  // namespace
}  // namespace detail

using detail::F32;
using detail::F64;

uint32_t min_s(uint32_t a, uint32_t b, uint32_t& flags) {
  return detail::min_max<F32>(a, b, false, flags);
}
uint32_t max_s(uint32_t a, uint32_t b, uint32_t& flags) {
  return detail::min_max<F32>(a, b, true, flags);
}
bool eq_s(uint32_t a, uint32_t b, uint32_t& flags) { return detail::eq<F32>(a, b, flags); }
bool lt_s(uint32_t a, uint32_t b, uint32_t& flags) { return detail::lt<F32>(a, b, flags); }
bool le_s(uint32_t a, uint32_t b, uint32_t& flags) { return detail::le<F32>(a, b, flags); }

uint64_t min_d(uint64_t a, uint64_t b, uint32_t& flags) {
  return detail::min_max<F64>(a, b, false, flags);
}
uint64_t max_d(uint64_t a, uint64_t b, uint32_t& flags) {
  return detail::min_max<F64>(a, b, true, flags);
}
bool eq_d(uint64_t a, uint64_t b, uint32_t& flags) { return detail::eq<F64>(a, b, flags); }
bool lt_d(uint64_t a, uint64_t b, uint32_t& flags) { return detail::lt<F64>(a, b, flags); }
bool le_d(uint64_t a, uint64_t b, uint32_t& flags) { return detail::le<F64>(a, b, flags); }

}  // namespace vm::fp
