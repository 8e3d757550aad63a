// Internal: bit layout of the IEEE 754 binary32/binary64 formats and the
// classification helpers shared by the vm_fp sources. Not part of the API.
#pragma once

#include <cstdint>

#include "vm/engine/fp/fp_arith.h"

namespace vm::fp::detail {

template <class BitsT, int kExpBitsV, int kFracBitsV>
struct Format {
  using Bits = BitsT;
  static constexpr int kExpBits = kExpBitsV;
  static constexpr int kFracBits = kFracBitsV;
  static constexpr int kPrecision = kFracBits + 1;  // p, including the hidden bit
  static constexpr int kBias = (1 << (kExpBits - 1)) - 1;
  static constexpr int kEmin = 1 - kBias;  // exponent of the smallest normal
  static constexpr int kEmax = kBias;      // exponent of the largest finite
  static constexpr Bits kSignMask = Bits{1} << (kExpBits + kFracBits);
  static constexpr Bits kExpMask = ((Bits{1} << kExpBits) - 1) << kFracBits;
  static constexpr Bits kFracMask = (Bits{1} << kFracBits) - 1;
  static constexpr Bits kQuietBit = Bits{1} << (kFracBits - 1);
  static constexpr Bits kInf = kExpMask;
  static constexpr Bits kMaxFinite = kExpMask - 1;  // biased exponent max-1, fraction all ones
  static constexpr Bits kCanonicalNaN = kExpMask | kQuietBit;
};

using F32 = Format<uint32_t, 8, 23>;
using F64 = Format<uint64_t, 11, 52>;

static_assert(F32::kCanonicalNaN == kCanonicalNaN32);
static_assert(F64::kCanonicalNaN == kCanonicalNaN64);

template <class F>
constexpr bool sign_of(typename F::Bits x) {
  return (x & F::kSignMask) != 0;
}
template <class F>
constexpr typename F::Bits magnitude(typename F::Bits x) {
  return x & ~F::kSignMask;
}
template <class F>
constexpr bool is_nan(typename F::Bits x) {
  return magnitude<F>(x) > F::kInf;
}
template <class F>
constexpr bool is_snan(typename F::Bits x) {
  return is_nan<F>(x) && (x & F::kQuietBit) == 0;
}
template <class F>
constexpr bool is_inf(typename F::Bits x) {
  return magnitude<F>(x) == F::kInf;
}
template <class F>
constexpr bool is_zero(typename F::Bits x) {
  return magnitude<F>(x) == 0;
}

// A finite nonzero value as (-1)^sign * sig * 2^exp with an integer significand
// (hidden bit included for normals; subnormals keep their smaller sig).
struct Unpacked {
  bool sign;
  int exp;
  uint64_t sig;
};

template <class F>
constexpr Unpacked unpack(typename F::Bits x) {
  const int biased = static_cast<int>((x & F::kExpMask) >> F::kFracBits);
  const uint64_t frac = x & F::kFracMask;
  if (biased == 0) return {sign_of<F>(x), F::kEmin - F::kFracBits, frac};
  return {sign_of<F>(x), biased - F::kBias - F::kFracBits, frac | (uint64_t{1} << F::kFracBits)};
}

// The sign of an exact zero sum x + y (both operands zero, or exact
// cancellation of nonzero operands): IEEE 754 6.3 says +0 in every rounding
// mode except round-down, unless both addends are zeros of the same sign.
template <class F>
constexpr typename F::Bits exact_zero_sum(bool sign_x, bool sign_y, RoundingMode rm) {
  const bool negative = sign_x == sign_y ? sign_x : rm == RoundingMode::RDN;
  return negative ? F::kSignMask : 0;
}

}  // namespace vm::fp::detail
