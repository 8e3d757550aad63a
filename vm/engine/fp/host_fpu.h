// Internal: the host (x86-64 SSE) floating-point unit as an exact engine for
// the RISC-V rounding modes RNE, RTZ, RDN and RUP.
//
// Why this is exact: an SSE scalar operation rounds once, in the MXCSR
// rounding mode, and its exception flags match RISC-V's once translated --
// x86 detects tininess after rounding like RISC-V, and with underflow masked
// it sets UE only when the result is also inexact, which is RISC-V's UF rule.
// NaN results still need canonicalizing (x86 propagates payloads), and x86's
// FMA does not report invalid for inf*0+qNaN; the callers handle both.
//
// Why inline asm: every operation and every MXCSR access is a separate
// `asm volatile`. The compiler neither constant-folds nor moves the operation
// across the MXCSR accesses (volatile asm statements keep their order), so no
// -frounding-math assumptions are needed, and no plain C++ floating-point
// operation is executed while the guest's rounding mode is installed.
#pragma once

#if !defined(__x86_64__)
#error "vm_fp's host path needs x86-64 SSE (MXCSR); port host_fpu.h for this target"
#endif

#include <array>
#include <cstdint>

#include "vm/engine/fp/fp_arith.h"

namespace vm::fp::detail {

inline uint32_t read_mxcsr() {
  uint32_t value;
  asm volatile("stmxcsr %0" : "=m"(value));
  return value;
}

inline void write_mxcsr(uint32_t value) { asm volatile("ldmxcsr %0" : : "m"(value)); }

// MXCSR layout: bits 0-5 sticky flags IE DE ZE OE UE PE, bit 6 DAZ,
// bits 7-12 exception masks, bits 13-14 rounding control, bit 15 FTZ.
inline constexpr uint32_t kMxcsrStatusFlags = 0x3f;
inline constexpr uint32_t kMxcsrAllMasked = 0x1f80;  // also RC=nearest, DAZ=FTZ=0, no flags

constexpr uint32_t mxcsr_rounding_bits(RoundingMode rm) {
  switch (rm) {
    case RoundingMode::RTZ: return 3u << 13;
    case RoundingMode::RDN: return 1u << 13;
    case RoundingMode::RUP: return 2u << 13;
    default: return 0;  // RNE (RMM never reaches the host unit)
  }
}

// x86 status flags -> RISC-V fflags. DE (denormal operand) has no RISC-V
// counterpart and is dropped.
inline constexpr std::array<uint8_t, 64> kRiscvFlagsFromMxcsr = [] {
  std::array<uint8_t, 64> table{};
  for (uint32_t x86 = 0; x86 < 64; ++x86) {
    uint32_t rv = 0;
    if (x86 & 0x01) rv |= flag::NV;  // IE
    if (x86 & 0x04) rv |= flag::DZ;  // ZE
    if (x86 & 0x08) rv |= flag::OF;  // OE
    if (x86 & 0x10) rv |= flag::UF;  // UE
    if (x86 & 0x20) rv |= flag::NX;  // PE
    table[x86] = static_cast<uint8_t>(rv);
  }
  return table;
}();

// Installs the guest rounding mode with clean status flags for exactly one
// host operation. In the common case (caller's MXCSR is the default and the
// guest uses RNE) no ldmxcsr is needed before the operation.
class HostRounding {
 public:
  explicit HostRounding(RoundingMode rm)
      : saved_(read_mxcsr()), wanted_(kMxcsrAllMasked | mxcsr_rounding_bits(rm)) {
    if (saved_ != wanted_) write_mxcsr(wanted_);
  }
  HostRounding(const HostRounding&) = delete;
  HostRounding& operator=(const HostRounding&) = delete;

  // Returns the RISC-V flags raised since construction and puts back the
  // caller's control bits with the status flags cleared (so that the next
  // call again finds a clean MXCSR and can skip the ldmxcsr).
  uint32_t finish() {
    const uint32_t now = read_mxcsr();
    const uint32_t restore = saved_ & ~kMxcsrStatusFlags;
    if (now != restore) write_mxcsr(restore);
    return kRiscvFlagsFromMxcsr[now & kMxcsrStatusFlags];
  }

 private:
  uint32_t saved_;
  uint32_t wanted_;
};

// One host instruction each. Legacy SSE encodings (the FMA is VEX-only).
inline float host_add(float a, float b) {
  asm volatile("addss %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline float host_sub(float a, float b) {
  asm volatile("subss %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline float host_mul(float a, float b) {
  asm volatile("mulss %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline float host_div(float a, float b) {
  asm volatile("divss %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline float host_sqrt(float a) {
  float r;
  asm volatile("sqrtss %1, %0" : "=x"(r) : "x"(a));
  return r;
}
// c = a*b + c, one rounding.
inline float host_fma(float a, float b, float c) {
  asm volatile("vfmadd231ss %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
  return c;
}

inline double host_add(double a, double b) {
  asm volatile("addsd %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline double host_sub(double a, double b) {
  asm volatile("subsd %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline double host_mul(double a, double b) {
  asm volatile("mulsd %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline double host_div(double a, double b) {
  asm volatile("divsd %1, %0" : "+x"(a) : "x"(b));
  return a;
}
inline double host_sqrt(double a) {
  double r;
  asm volatile("sqrtsd %1, %0" : "=x"(r) : "x"(a));
  return r;
}
inline double host_fma(double a, double b, double c) {
  asm volatile("vfmadd231sd %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
  return c;
}

// Whether the CPU has FMA3 (checked once; the software core is the fallback).
bool host_has_fma();

}  // namespace vm::fp::detail
