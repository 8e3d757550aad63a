// The translation schemes a page table can use: Sv39 (3 levels, 39-bit virtual addresses) and
// Sv48 (4 levels, 48-bit). Both use 9 bits of virtual page number per level and 4 KiB pages;
// a leaf at level 1 maps 2 MiB, at level 2 1 GiB, at level 3 (Sv48) 512 GiB.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace vm::mem {

enum class PagingMode : uint8_t { Sv39, Sv48 };

inline constexpr unsigned levels(PagingMode m) { return m == PagingMode::Sv39 ? 3 : 4; }
inline constexpr unsigned virtual_address_bits(PagingMode m) { return 12 + 9 * levels(m); }
// Bytes mapped by one leaf at `level` (0 = 4 KiB).
inline constexpr uint64_t page_bytes_at_level(unsigned level) {
  return uint64_t{1} << (12 + 9 * level);
}
inline constexpr unsigned vpn_index(uint64_t va, unsigned level) {
  return static_cast<unsigned>((va >> (12 + 9 * level)) & 511);
}
// Bits above the top virtual-address bit must copy it (sign extension), else the address is
// not translatable.
inline constexpr bool is_canonical(PagingMode m, uint64_t va) {
  const unsigned bits = virtual_address_bits(m);
  const int64_t shifted = static_cast<int64_t>(va << (64 - bits)) >> (64 - bits);
  return static_cast<uint64_t>(shifted) == va;
}

inline std::optional<PagingMode> parse_paging_mode(std::string_view name) {
  if (name == "sv39") return PagingMode::Sv39;
  if (name == "sv48") return PagingMode::Sv48;
  return std::nullopt;
}
inline constexpr std::string_view paging_mode_name(PagingMode m) {
  return m == PagingMode::Sv39 ? "sv39" : "sv48";
}

}  // namespace vm::mem
