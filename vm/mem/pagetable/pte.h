// RISC-V page-table entries (privileged spec, "Sv39"/"Sv48"): 8 bytes, flags in bits 0..7,
// the physical page number in bits 10..53 and bits 54..63 reserved (no Svpbmt / Svnapot).
#pragma once

#include <cstdint>

namespace vm::mem::pte {

inline constexpr uint64_t kValid = 1u << 0;
inline constexpr uint64_t kRead = 1u << 1;
inline constexpr uint64_t kWrite = 1u << 2;
inline constexpr uint64_t kExec = 1u << 3;
inline constexpr uint64_t kUser = 1u << 4;
inline constexpr uint64_t kGlobal = 1u << 5;
inline constexpr uint64_t kAccessed = 1u << 6;
inline constexpr uint64_t kDirty = 1u << 7;
inline constexpr uint64_t kPermissionBits = kRead | kWrite | kExec;

inline constexpr unsigned kPpnShift = 10;
inline constexpr uint64_t kPpnMask = (uint64_t{1} << 44) - 1;
inline constexpr uint64_t kReservedMask = ~((uint64_t{1} << 54) - 1);
inline constexpr uint64_t kSize = 8;

inline constexpr uint64_t ppn(uint64_t entry) { return (entry >> kPpnShift) & kPpnMask; }
inline constexpr uint64_t physical_address(uint64_t entry) { return ppn(entry) << 12; }
inline constexpr bool is_leaf(uint64_t entry) { return (entry & (kRead | kExec)) != 0; }
inline constexpr uint64_t make(uint64_t pa, uint64_t flags) {
  return ((pa >> 12) << kPpnShift) | flags;
}

}  // namespace vm::mem::pte
