// fcvt between floats and integers, and between single and double.
//
// Done in integer arithmetic with the software core's rounding for every
// mode: a conversion is a few shifts, x86 has no RMM, no unsigned 64-bit
// conversions (before AVX-512) and answers out-of-range conversions with the
// "integer indefinite" value instead of RISC-V's saturation.
#include <limits>
#include <type_traits>

#include "vm/engine/fp/fp_arith.h"
#include "vm/engine/fp/fp_format.h"
#include "vm/engine/fp/soft_float.h"

namespace vm::fp {
namespace detail {
namespace {

// fcvt.{w,wu,l,lu}.{s,d}. Invalid inputs give (RISC-V table "fcvt invalid
// behavior"): NaN -> largest value, +inf/too large -> largest, -inf/too
// small -> smallest, with NV only. "Too large" is decided on the rounded
// value, so e.g. -0.5 -> unsigned is 0 (NX) under RNE but invalid under RDN.
template <class F, class Int>
Int to_integer(typename F::Bits a, RoundingMode rm, uint32_t& flags) {
  using Limits = std::numeric_limits<Int>;
  using UInt = std::make_unsigned_t<Int>;
  const bool negative = sign_of<F>(a);
  const auto saturate = [&](bool low) {
    flags |= flag::NV;
    return low ? Limits::min() : Limits::max();
  };
  if (is_nan<F>(a)) return saturate(false);
  if (is_inf<F>(a)) return saturate(negative);
  if (is_zero<F>(a)) return 0;

  const Unpacked u = unpack<F>(a);
  RoundedInteger r{0, false};
  if (u.exp < 0) {
    r = round_to_integer(u.sig, -u.exp, negative, rm);
  } else {
    if (u.exp > 64) return saturate(negative);  // >= 2^64, beyond every range
    r = {u128{u.sig} << u.exp, false};          // < 2^117, fits
  }

  // Largest magnitude representable with this sign.
  u128 limit = Limits::max();
  if (negative) limit = Limits::is_signed ? u128{1} << Limits::digits : 0;
  if (r.value > limit) return saturate(negative);
  if (r.inexact) flags |= flag::NX;
  const auto magnitude = static_cast<UInt>(r.value);
  return static_cast<Int>(negative ? static_cast<UInt>(0 - magnitude) : magnitude);
}

// fcvt.{s,d}.{w,wu,l,lu}: an integer is an exact value with exponent 0.
template <class F>
typename F::Bits from_integer(bool negative, uint64_t magnitude, RoundingMode rm, uint32_t& flags) {
  if (magnitude == 0) return 0;  // +0
  return round_pack<F>(negative, 0, magnitude, rm, flags);
}

template <class Int>
uint64_t magnitude_of(Int v) {
  const auto bits = static_cast<uint64_t>(v);  // two's complement for negatives
  return v < 0 ? 0 - bits : bits;
}

// fcvt.s.d (rounds) and fcvt.d.s (exact).
template <class To, class From>
typename To::Bits convert(typename From::Bits a, RoundingMode rm, uint32_t& flags) {
  using ToBits = typename To::Bits;
  if (is_nan<From>(a)) {
    if (is_snan<From>(a)) flags |= flag::NV;
    return To::kCanonicalNaN;
  }
  const ToBits sign_bit = sign_of<From>(a) ? To::kSignMask : 0;
  if (is_inf<From>(a)) return sign_bit | To::kInf;
  if (is_zero<From>(a)) return sign_bit;
  const Unpacked u = unpack<From>(a);
  return round_pack<To>(u.sign, u.exp, u.sig, rm, flags);
}

}  // namespace
}  // namespace detail

using detail::F32;
using detail::F64;
using detail::from_integer;
using detail::magnitude_of;
using detail::to_integer;

int32_t cvt_w_s(uint32_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F32, int32_t>(a, rm, flags);
}
uint32_t cvt_wu_s(uint32_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F32, uint32_t>(a, rm, flags);
}
int64_t cvt_l_s(uint32_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F32, int64_t>(a, rm, flags);
}
uint64_t cvt_lu_s(uint32_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F32, uint64_t>(a, rm, flags);
}

int32_t cvt_w_d(uint64_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F64, int32_t>(a, rm, flags);
}
uint32_t cvt_wu_d(uint64_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F64, uint32_t>(a, rm, flags);
}
int64_t cvt_l_d(uint64_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F64, int64_t>(a, rm, flags);
}
uint64_t cvt_lu_d(uint64_t a, RoundingMode rm, uint32_t& flags) {
  return to_integer<F64, uint64_t>(a, rm, flags);
}

uint32_t cvt_s_w(int32_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F32>(v < 0, magnitude_of(v), rm, flags);
}
uint32_t cvt_s_wu(uint32_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F32>(false, v, rm, flags);
}
uint32_t cvt_s_l(int64_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F32>(v < 0, magnitude_of(v), rm, flags);
}
uint32_t cvt_s_lu(uint64_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F32>(false, v, rm, flags);
}

uint64_t cvt_d_w(int32_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F64>(v < 0, magnitude_of(v), rm, flags);
}
uint64_t cvt_d_wu(uint32_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F64>(false, v, rm, flags);
}
uint64_t cvt_d_l(int64_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F64>(v < 0, magnitude_of(v), rm, flags);
}
uint64_t cvt_d_lu(uint64_t v, RoundingMode rm, uint32_t& flags) {
  return from_integer<F64>(false, v, rm, flags);
}

uint32_t cvt_s_d(uint64_t a, RoundingMode rm, uint32_t& flags) {
  return detail::convert<F32, F64>(a, rm, flags);
}
uint64_t cvt_d_s(uint32_t a, uint32_t& flags) {
  return detail::convert<F64, F32>(a, RoundingMode::RNE, flags);  // exact: the mode is irrelevant
}

}  // namespace vm::fp
