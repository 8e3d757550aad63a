// RISC-V F and D extension arithmetic with exact results and exact fflags.
//
// Every function computes what the RISC-V unprivileged spec (chapters "F" and
// "D") requires, bit for bit, including the accrued exception flags:
//   * all five static rounding modes, including RMM (nearest, ties away from 0);
//   * any NaN result is the canonical NaN (payloads are never propagated);
//   * a signaling NaN input raises NV (so do the usual invalid operations);
//   * tininess is detected after rounding, and UF is raised only for results
//     that are both tiny and inexact.
//
// Values are passed as raw bit patterns: uint32_t for single, uint64_t for
// double. NaN-boxing is the caller's job: the caller unboxes, and an
// improperly boxed single must be passed here as the canonical NaN.
//
// Flags: every function ORs the exception flags it raises into `flags` and
// never clears bits there, so `flags` can be the guest's fflags directly.
//
// Rounding mode: always an already-resolved static mode, never DYN.
//
// Host state: on x86-64, add/sub/mul/div/sqrt/fma in RNE/RTZ/RDN/RUP (and
// sqrt in RMM) run on the host SSE unit with MXCSR set for the requested
// rounding mode. Those calls leave MXCSR's control bits (rounding mode,
// exception masks, FTZ/DAZ) exactly as they found them and its six sticky
// exception-status bits cleared; everything else is integer code that never
// touches MXCSR. The caller's MXCSR settings never affect results. All calls
// are thread-safe (MXCSR is per thread).
#pragma once

#include <cstdint>

namespace vm::fp {

// RISC-V rm encodings 0..4 (frm/rm field); DYN (7) must be resolved by the caller.
enum class RoundingMode : uint8_t { RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4 };

// fflags bits.
namespace flag {
inline constexpr uint32_t NX = 1;   // inexact
inline constexpr uint32_t UF = 2;   // underflow
inline constexpr uint32_t OF = 4;   // overflow
inline constexpr uint32_t DZ = 8;   // divide by zero
inline constexpr uint32_t NV = 16;  // invalid operation
}  // namespace flag

// fclass result bits (exactly one is set).
namespace fclass {
inline constexpr uint32_t NEG_INF = 1u << 0;
inline constexpr uint32_t NEG_NORMAL = 1u << 1;
inline constexpr uint32_t NEG_SUBNORMAL = 1u << 2;
inline constexpr uint32_t NEG_ZERO = 1u << 3;
inline constexpr uint32_t POS_ZERO = 1u << 4;
inline constexpr uint32_t POS_SUBNORMAL = 1u << 5;
inline constexpr uint32_t POS_NORMAL = 1u << 6;
inline constexpr uint32_t POS_INF = 1u << 7;
inline constexpr uint32_t SIGNALING_NAN = 1u << 8;
inline constexpr uint32_t QUIET_NAN = 1u << 9;
}  // namespace fclass

inline constexpr uint32_t kCanonicalNaN32 = 0x7fc00000u;
inline constexpr uint64_t kCanonicalNaN64 = 0x7ff8000000000000ull;

// ---- Single precision (F) ---------------------------------------------------

uint32_t add_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags);
uint32_t sub_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags);
uint32_t mul_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags);
uint32_t div_s(uint32_t a, uint32_t b, RoundingMode rm, uint32_t& flags);
uint32_t sqrt_s(uint32_t a, RoundingMode rm, uint32_t& flags);

// Fused, single rounding: fmadd = a*b+c, fmsub = a*b-c,
// fnmsub = -(a*b)+c, fnmadd = -(a*b)-c.
uint32_t fmadd_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags);
uint32_t fmsub_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags);
uint32_t fnmsub_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags);
uint32_t fnmadd_s(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, uint32_t& flags);

// fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber, spec v2.2).
uint32_t min_s(uint32_t a, uint32_t b, uint32_t& flags);
uint32_t max_s(uint32_t a, uint32_t b, uint32_t& flags);

// feq is quiet (NV only for sNaN); flt/fle are signaling (NV for any NaN).
bool eq_s(uint32_t a, uint32_t b, uint32_t& flags);
bool lt_s(uint32_t a, uint32_t b, uint32_t& flags);
bool le_s(uint32_t a, uint32_t b, uint32_t& flags);

uint32_t class_s(uint32_t a);  // fclass.s: one of the fclass:: bits

// Float -> integer, saturating (NaN -> max, out of range -> nearest limit, NV).
// fcvt.w[u].s returns the 32-bit value; the caller sign-extends it into rd.
int32_t cvt_w_s(uint32_t a, RoundingMode rm, uint32_t& flags);
uint32_t cvt_wu_s(uint32_t a, RoundingMode rm, uint32_t& flags);
int64_t cvt_l_s(uint32_t a, RoundingMode rm, uint32_t& flags);
uint64_t cvt_lu_s(uint32_t a, RoundingMode rm, uint32_t& flags);

// Integer -> float.
uint32_t cvt_s_w(int32_t v, RoundingMode rm, uint32_t& flags);
uint32_t cvt_s_wu(uint32_t v, RoundingMode rm, uint32_t& flags);
uint32_t cvt_s_l(int64_t v, RoundingMode rm, uint32_t& flags);
uint32_t cvt_s_lu(uint64_t v, RoundingMode rm, uint32_t& flags);

// ---- Double precision (D) ---------------------------------------------------

uint64_t add_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags);
uint64_t sub_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags);
uint64_t mul_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags);
uint64_t div_d(uint64_t a, uint64_t b, RoundingMode rm, uint32_t& flags);
uint64_t sqrt_d(uint64_t a, RoundingMode rm, uint32_t& flags);

uint64_t fmadd_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags);
uint64_t fmsub_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags);
uint64_t fnmsub_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags);
uint64_t fnmadd_d(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, uint32_t& flags);

uint64_t min_d(uint64_t a, uint64_t b, uint32_t& flags);
uint64_t max_d(uint64_t a, uint64_t b, uint32_t& flags);

bool eq_d(uint64_t a, uint64_t b, uint32_t& flags);
bool lt_d(uint64_t a, uint64_t b, uint32_t& flags);
bool le_d(uint64_t a, uint64_t b, uint32_t& flags);

uint32_t class_d(uint64_t a);

int32_t cvt_w_d(uint64_t a, RoundingMode rm, uint32_t& flags);
uint32_t cvt_wu_d(uint64_t a, RoundingMode rm, uint32_t& flags);
int64_t cvt_l_d(uint64_t a, RoundingMode rm, uint32_t& flags);
uint64_t cvt_lu_d(uint64_t a, RoundingMode rm, uint32_t& flags);

uint64_t cvt_d_w(int32_t v, RoundingMode rm, uint32_t& flags);
uint64_t cvt_d_wu(uint32_t v, RoundingMode rm, uint32_t& flags);
uint64_t cvt_d_l(int64_t v, RoundingMode rm, uint32_t& flags);
uint64_t cvt_d_lu(uint64_t v, RoundingMode rm, uint32_t& flags);

// ---- Between formats --------------------------------------------------------

uint32_t cvt_s_d(uint64_t a, RoundingMode rm, uint32_t& flags);  // rounds
uint64_t cvt_d_s(uint32_t a, uint32_t& flags);                   // always exact

}  // namespace vm::fp
