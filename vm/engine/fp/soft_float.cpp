// Software floating-point core; see soft_float.h.
#include "vm/engine/fp/soft_float.h"

#include <algorithm>
#include <utility>

namespace vm::fp::detail {
namespace {

int bit_width(u128 v) {
  const auto hi = static_cast<uint64_t>(v >> 64);
  if (hi != 0) return 128 - __builtin_clzll(hi);
  const auto lo = static_cast<uint64_t>(v);
  return lo == 0 ? 0 : 64 - __builtin_clzll(lo);
}

// v >> n, with the lowest bit ORed with "some 1 bit was shifted out". The
// result is v * 2^-n rounded to odd, which keeps later rounding correct.
u128 shift_right_jam(u128 v, int n) {
  if (n == 0) return v;
  if (n >= 128) return v != 0 ? 1 : 0;
  return (v >> n) | ((v << (128 - n)) != 0 ? 1 : 0);
}

template <class F>
typename F::Bits overflow_result(bool sign, RoundingMode rm) {
  // The modes that round away from zero for this sign reach infinity; the
  // others stop at the largest finite number.
  const bool to_inf = rm == RoundingMode::RNE || rm == RoundingMode::RMM ||
                      (rm == RoundingMode::RDN && sign) || (rm == RoundingMode::RUP && !sign);
  return (sign ? F::kSignMask : 0) | (to_inf ? F::kInf : F::kMaxFinite);
}

template <class F>
typename F::Bits invalid(uint32_t& flags) {
  flags |= flag::NV;
  return F::kCanonicalNaN;
}

// NaN operands: the result is always the canonical NaN; NV if any is signaling.
template <class F>
typename F::Bits propagate_nan(uint32_t& flags, typename F::Bits a, typename F::Bits b,
                               typename F::Bits c = 0) {
  if (is_snan<F>(a) || is_snan<F>(b) || is_snan<F>(c)) flags |= flag::NV;
  return F::kCanonicalNaN;
}

// x + y for finite nonzero terms (-1)^s * m * 2^e with m < 2^107.
template <class F>
typename F::Bits add_terms(bool sx, int ex, u128 mx, bool sy, int ey, u128 my, RoundingMode rm,
                           uint32_t& flags) {
  // Put both leading bits at bit 125: the sum then still fits in 127 bits, and
  // because each term has at most 107 significant bits it has >= 19 zero bits
  // below it, so an alignment shift of up to 19 bits loses nothing.
  constexpr int kTop = 125;
  const int shx = kTop + 1 - bit_width(mx);
  const int shy = kTop + 1 - bit_width(my);
  mx <<= shx;
  ex -= shx;
  my <<= shy;
  ey -= shy;
  if (ex < ey) {
    std::swap(sx, sy);
    std::swap(ex, ey);
    std::swap(mx, my);
  }
  // A lossy (jamming) shift only happens when ex - ey > 19; then y < x/2, the
  // result keeps >= 124 significant bits and the jammed bit makes it a
  // round-to-odd value, as round_pack requires.
  my = shift_right_jam(my, ex - ey);
  if (sx == sy) return round_pack<F>(sx, ex, mx + my, rm, flags);
  if (mx == my) return exact_zero_sum<F>(sx, sy, rm);
  if (mx > my) return round_pack<F>(sx, ex, mx - my, rm, flags);
  return round_pack<F>(sy, ex, my - mx, rm, flags);
}

}  // namespace

RoundedInteger round_to_integer(u128 sig, int drop, bool negative, RoundingMode rm) {
  if (drop <= 0) return {sig << -drop, false};
  u128 kept = 0;
  int vs_half = -1;  // discarded part compared with half an integer unit: -1, 0, +1
  bool inexact = sig != 0;
  if (drop < 128) {
    kept = sig >> drop;
    const u128 rest = sig & ((u128{1} << drop) - 1);
    const u128 half = u128{1} << (drop - 1);
    inexact = rest != 0;
    vs_half = rest < half ? -1 : (rest == half ? 0 : 1);
  } else if (drop == 128) {
    const u128 half = u128{1} << 127;
    vs_half = sig < half ? -1 : (sig == half ? 0 : 1);
  }  // drop > 128: sig < 2^128 <= half, vs_half stays -1
  if (!inexact) return {kept, false};
  bool up = false;
  switch (rm) {
    case RoundingMode::RNE: up = vs_half > 0 || (vs_half == 0 && (kept & 1) != 0); break;
    case RoundingMode::RMM: up = vs_half >= 0; break;
    case RoundingMode::RTZ: up = false; break;
    case RoundingMode::RDN: up = negative; break;
    case RoundingMode::RUP: up = !negative; break;
  }
  return {kept + (up ? 1 : 0), true};
}

template <class F>
typename F::Bits round_pack(bool sign, int exp, u128 sig, RoundingMode rm, uint32_t& flags) {
  using Bits = typename F::Bits;
  constexpr int p = F::kPrecision;
  constexpr int kSubnormalLsb = F::kEmin - (p - 1);  // exponent of the subnormal ulp
  const Bits sign_bit = sign ? F::kSignMask : 0;

  const int top = exp + bit_width(sig) - 1;  // exponent of the leading bit
  const int lsb = std::max(top - (p - 1), kSubnormalLsb);
  const RoundedInteger r = round_to_integer(sig, lsb - exp, sign, rm);

  if (r.inexact) {
    flags |= flag::NX;
    // Tininess after rounding (RISC-V, like x86 SSE): the value rounded to p
    // bits with an unbounded exponent is below 2^emin. Below 2^emin that
    // rounding can only reach 2^emin by carrying out of a value just under it.
    if (top < F::kEmin) {
      const RoundedInteger unbounded = round_to_integer(sig, top - (p - 1) - exp, sign, rm);
      const bool reaches_min_normal = top == F::kEmin - 1 && (unbounded.value >> p) != 0;
      if (!reaches_min_normal) flags |= flag::UF;
    }
  }
  if (r.value == 0) return sign_bit;  // underflow to zero

  const int width = bit_width(r.value);  // p+1 after a carry, < p for subnormals
  const int result_top = lsb + width - 1;
  if (result_top > F::kEmax) {
    flags |= flag::OF | flag::NX;
    return overflow_result<F>(sign, rm);
  }
  if (width < p) return sign_bit | static_cast<Bits>(r.value);  // subnormal: biased exponent 0
  const auto frac = static_cast<Bits>(r.value >> (width - p)) & F::kFracMask;
  return sign_bit | (static_cast<Bits>(result_top + F::kBias) << F::kFracBits) | frac;
}

template <class F>
typename F::Bits soft_add(typename F::Bits a, typename F::Bits b, RoundingMode rm,
                          uint32_t& flags) {
  if (is_nan<F>(a) || is_nan<F>(b)) return propagate_nan<F>(flags, a, b);
  if (is_inf<F>(a) || is_inf<F>(b)) {
    if (is_inf<F>(a) && is_inf<F>(b) && sign_of<F>(a) != sign_of<F>(b)) return invalid<F>(flags);
    return is_inf<F>(a) ? a : b;
  }
  if (is_zero<F>(a) && is_zero<F>(b)) return exact_zero_sum<F>(sign_of<F>(a), sign_of<F>(b), rm);
  if (is_zero<F>(a)) return b;
  if (is_zero<F>(b)) return a;
  const Unpacked x = unpack<F>(a);
  const Unpacked y = unpack<F>(b);
  return add_terms<F>(x.sign, x.exp, x.sig, y.sign, y.exp, y.sig, rm, flags);
}

template <class F>
typename F::Bits soft_mul(typename F::Bits a, typename F::Bits b, RoundingMode rm,
                          uint32_t& flags) {
  if (is_nan<F>(a) || is_nan<F>(b)) return propagate_nan<F>(flags, a, b);
  const bool sign = sign_of<F>(a) != sign_of<F>(b);
  const typename F::Bits sign_bit = sign ? F::kSignMask : 0;
  if (is_inf<F>(a) || is_inf<F>(b)) {
    if (is_zero<F>(a) || is_zero<F>(b)) return invalid<F>(flags);
    return sign_bit | F::kInf;
  }
  if (is_zero<F>(a) || is_zero<F>(b)) return sign_bit;
  const Unpacked x = unpack<F>(a);
  const Unpacked y = unpack<F>(b);
  return round_pack<F>(sign, x.exp + y.exp, u128{x.sig} * y.sig, rm, flags);  // exact product
}

template <class F>
typename F::Bits soft_div(typename F::Bits a, typename F::Bits b, RoundingMode rm,
                          uint32_t& flags) {
  if (is_nan<F>(a) || is_nan<F>(b)) return propagate_nan<F>(flags, a, b);
  const bool sign = sign_of<F>(a) != sign_of<F>(b);
  const typename F::Bits sign_bit = sign ? F::kSignMask : 0;
  if (is_inf<F>(a)) return is_inf<F>(b) ? invalid<F>(flags) : (sign_bit | F::kInf);
  if (is_inf<F>(b)) return sign_bit;
  if (is_zero<F>(b)) {
    if (is_zero<F>(a)) return invalid<F>(flags);
    flags |= flag::DZ;
    return sign_bit | F::kInf;
  }
  if (is_zero<F>(a)) return sign_bit;
  Unpacked x = unpack<F>(a);
  Unpacked y = unpack<F>(b);
  // Normalize both significands to [2^63, 2^64) so the quotient of
  // x.sig * 2^64 / y.sig lies in (2^63, 2^65): >= 64 bits, plenty for p+2.
  const int shx = __builtin_clzll(x.sig);
  const int shy = __builtin_clzll(y.sig);
  const u128 num = u128{x.sig << shx} << 64;
  const uint64_t den = y.sig << shy;
  u128 q = num / den;
  if (num % den != 0) q |= 1;  // round to odd: remember the nonzero remainder
  const int exp = (x.exp - shx) - (y.exp - shy) - 64;
  return round_pack<F>(sign, exp, q, rm, flags);
}

template <class F>
typename F::Bits soft_fma(typename F::Bits a, typename F::Bits b, typename F::Bits c,
                          RoundingMode rm, uint32_t& flags) {
  const bool inf_times_zero = (is_inf<F>(a) && is_zero<F>(b)) || (is_zero<F>(a) && is_inf<F>(b));
  if (is_nan<F>(a) || is_nan<F>(b) || is_nan<F>(c)) {
    // RISC-V: inf * 0 raises NV even when the addend is a quiet NaN.
    if (inf_times_zero) flags |= flag::NV;
    return propagate_nan<F>(flags, a, b, c);
  }
  if (inf_times_zero) return invalid<F>(flags);
  const bool product_sign = sign_of<F>(a) != sign_of<F>(b);
  const bool c_sign = sign_of<F>(c);
  if (is_inf<F>(a) || is_inf<F>(b)) {
    if (is_inf<F>(c) && c_sign != product_sign) return invalid<F>(flags);
    return (product_sign ? F::kSignMask : 0) | F::kInf;
  }
  if (is_inf<F>(c)) return c;
  if (is_zero<F>(a) || is_zero<F>(b)) {
    return is_zero<F>(c) ? exact_zero_sum<F>(product_sign, c_sign, rm) : c;
  }
  const Unpacked x = unpack<F>(a);
  const Unpacked y = unpack<F>(b);
  const u128 product = u128{x.sig} * y.sig;  // exact, at most 106 bits
  const int product_exp = x.exp + y.exp;
  if (is_zero<F>(c)) return round_pack<F>(product_sign, product_exp, product, rm, flags);
  const Unpacked z = unpack<F>(c);
  return add_terms<F>(product_sign, product_exp, product, z.sign, z.exp, z.sig, rm, flags);
}

#define VM_FP_INSTANTIATE(F)                                                \
  template F::Bits round_pack<F>(bool, int, u128, RoundingMode, uint32_t&); \
  template F::Bits soft_add<F>(F::Bits, F::Bits, RoundingMode, uint32_t&);  \
  template F::Bits soft_mul<F>(F::Bits, F::Bits, RoundingMode, uint32_t&);  \
  template F::Bits soft_div<F>(F::Bits, F::Bits, RoundingMode, uint32_t&);  \
  template F::Bits soft_fma<F>(F::Bits, F::Bits, F::Bits, RoundingMode, uint32_t&);
VM_FP_INSTANTIATE(F32)
VM_FP_INSTANTIATE(F64)
#undef VM_FP_INSTANTIATE

}  // namespace vm::fp::detail
