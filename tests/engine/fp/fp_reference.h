// Test-only reference model of RISC-V F/D arithmetic, written independently
// of vm_fp: values are exact big-integer rationals m * 2^e, every operation is
// computed exactly (or, for div/sqrt, as an integer quotient/root plus a
// "nonzero remainder" bit), and one plain rounding routine written from the
// IEEE 754 / RISC-V definitions (round bit + sticky, tininess after rounding)
// produces result bits and fflags. It shares no code with the library and
// uses no host floating-point arithmetic.
#pragma once

#include <cstdint>

#include "vm/engine/fp/fp_arith.h"

namespace vm::fp::ref {

struct Format {
  int precision;  // p
  int exp_bits;
  int emin;
  int emax;
  int frac_bits() const { return precision - 1; }
};
inline constexpr Format kSingle{24, 8, -126, 127};
inline constexpr Format kDouble{53, 11, -1022, 1023};

struct Result {
  uint64_t bits;
  uint32_t flags;
};

Result add(const Format& f, uint64_t a, uint64_t b, RoundingMode rm);
Result sub(const Format& f, uint64_t a, uint64_t b, RoundingMode rm);
Result mul(const Format& f, uint64_t a, uint64_t b, RoundingMode rm);
Result div(const Format& f, uint64_t a, uint64_t b, RoundingMode rm);
Result sqrt(const Format& f, uint64_t a, RoundingMode rm);
// (negate_product ? -(a*b) : a*b) + (negate_addend ? -c : c), one rounding.
Result fma(const Format& f, uint64_t a, uint64_t b, uint64_t c, bool negate_product,
           bool negate_addend, RoundingMode rm);

// Float -> integer of `width` bits (32/64), signed or not; bits holds the
// integer's two's complement pattern truncated to `width` bits.
Result to_int(const Format& f, uint64_t a, int width, bool is_signed, RoundingMode rm);
// Integer (value = negative ? -magnitude : magnitude) -> float.
Result from_int(const Format& f, bool negative, uint64_t magnitude, RoundingMode rm);
// Between formats.
Result convert(const Format& from, const Format& to, uint64_t a, RoundingMode rm);

}  // namespace vm::fp::ref
