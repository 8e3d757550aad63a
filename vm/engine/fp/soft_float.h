// Internal: a small software floating-point core (integer arithmetic only).
//
// The host SSE unit has no "round to nearest, ties to max magnitude" mode, so
// RMM arithmetic is done here. The core is generic over the rounding mode, so
// it also serves as the fused multiply-add fallback on hosts without FMA3 and
// it is what the conversions use (they are cheap in integer arithmetic and
// this avoids x86's "integer indefinite" conversion results).
//
// Results and flags follow the RISC-V rules of fp_arith.h (canonical NaN,
// tininess after rounding, UF only when inexact).
#pragma once

#include <cstdint>

#include "vm/engine/fp/fp_arith.h"
#include "vm/engine/fp/fp_format.h"

namespace vm::fp::detail {

__extension__ typedef unsigned __int128 u128;

struct RoundedInteger {
  u128 value;    // magnitude rounded to an integer
  bool inexact;  // some nonzero bits were discarded
};

// Rounds the magnitude sig * 2^-drop to an integer under `rm`; `negative` is
// the sign of the value (it matters for RDN/RUP). drop <= 0 is exact (the
// caller guarantees sig << -drop fits).
RoundedInteger round_to_integer(u128 sig, int drop, bool negative, RoundingMode rm);

// Rounds (-1)^sign * sig * 2^exp (sig != 0) to format F, raising NX/UF/OF.
// `sig` may be "rounded to odd": if the true value is not sig * 2^exp exactly,
// then sig must have at least p+2 significant bits and its lowest bit set,
// meaning "strictly between sig-1 and sig+1" -- that is enough information
// for a correct rounding in every mode and for the tininess decision.
template <class F>
typename F::Bits round_pack(bool sign, int exp, u128 sig, RoundingMode rm, uint32_t& flags);

// Complete operations (specials, NaN canonicalization and flags included).
// They support all five rounding modes.
template <class F>
typename F::Bits soft_add(typename F::Bits a, typename F::Bits b, RoundingMode rm, uint32_t& flags);
template <class F>
typename F::Bits soft_mul(typename F::Bits a, typename F::Bits b, RoundingMode rm, uint32_t& flags);
template <class F>
typename F::Bits soft_div(typename F::Bits a, typename F::Bits b, RoundingMode rm, uint32_t& flags);
// a*b+c with a single rounding (callers express fmsub etc. by flipping signs).
template <class F>
typename F::Bits soft_fma(typename F::Bits a, typename F::Bits b, typename F::Bits c,
                          RoundingMode rm, uint32_t& flags);

extern template F32::Bits round_pack<F32>(bool, int, u128, RoundingMode, uint32_t&);
extern template F64::Bits round_pack<F64>(bool, int, u128, RoundingMode, uint32_t&);
extern template F32::Bits soft_add<F32>(F32::Bits, F32::Bits, RoundingMode, uint32_t&);
extern template F64::Bits soft_add<F64>(F64::Bits, F64::Bits, RoundingMode, uint32_t&);
extern template F32::Bits soft_mul<F32>(F32::Bits, F32::Bits, RoundingMode, uint32_t&);
extern template F64::Bits soft_mul<F64>(F64::Bits, F64::Bits, RoundingMode, uint32_t&);
extern template F32::Bits soft_div<F32>(F32::Bits, F32::Bits, RoundingMode, uint32_t&);
extern template F64::Bits soft_div<F64>(F64::Bits, F64::Bits, RoundingMode, uint32_t&);
extern template F32::Bits soft_fma<F32>(F32::Bits, F32::Bits, F32::Bits, RoundingMode, uint32_t&);
extern template F64::Bits soft_fma<F64>(F64::Bits, F64::Bits, F64::Bits, RoundingMode, uint32_t&);

}  // namespace vm::fp::detail
