// Decoding: find the first table line whose pattern matches, then take the operands the way
// the line's format lays them out.
//
// The tables are sorted into buckets at compile time so a lookup scans only the few lines
// that can match: 32-bit encodings by major opcode (bits 6:2) and funct3 (bits 14:12), 256
// buckets; 16-bit ones by quadrant (bits 1:0) and funct3 (bits 15:13), 32 buckets. A line
// whose pattern leaves a key bit free (lui's funct3 is immediate, fadd's is rm) is filed in
// every bucket it can match; within a bucket lines keep table order, so "earlier line wins"
// still holds.
#include "vm/isa/decoder.h"

#include <array>
#include <cstddef>

#include "vm/isa/opcode_table.h"
#include "vm/isa/operand_layout.h"

namespace vm::isa {
namespace {

using detail::BitPattern;

struct Key32 {
  static constexpr std::size_t kBuckets = 256;
  static constexpr uint32_t kKeyBits = 0x707f;  // funct3, opcode (incl. the 0b11 length bits)
  static constexpr std::size_t of(uint32_t bits) {
    return ((bits >> 2) & 0x1f) | (((bits >> 12) & 7) << 5);
  }
  static constexpr uint32_t word(std::size_t key) {
    return 3 | static_cast<uint32_t>((key & 0x1f) << 2) | static_cast<uint32_t>((key >> 5) << 12);
  }
};

struct Key16 {
  static constexpr std::size_t kBuckets = 32;
  static constexpr uint32_t kKeyBits = 0xe003;  // funct3, quadrant
  static constexpr std::size_t of(uint32_t bits) { return (bits & 3) | (((bits >> 13) & 7) << 2); }
  static constexpr uint32_t word(std::size_t key) {
    return static_cast<uint32_t>(key & 3) | static_cast<uint32_t>((key >> 2) << 13);
  }
};

struct Candidate {
  BitPattern pattern;
  uint16_t id;  // index into the info table
};

template <std::size_t kCount, std::size_t kBuckets>
struct BucketedTable {
  std::array<uint16_t, kBuckets + 1> begin{};
  std::array<Candidate, kCount> candidates{};
};

template <typename Key>
constexpr bool may_match(const BitPattern& p, std::size_t key) {
  return ((Key::word(key) ^ p.match) & p.mask & Key::kKeyBits) == 0;
}

template <typename Key, typename Infos>
constexpr std::size_t count_candidates(const Infos& infos) {
  std::size_t count = 0;
  for (std::size_t key = 0; key < Key::kBuckets; ++key) {
    for (std::size_t id = 1; id < infos.size(); ++id)
      count += may_match<Key>(infos[id].pattern, key);
  }
  return count;
}

template <typename Key, std::size_t kCount, typename Infos>
constexpr BucketedTable<kCount, Key::kBuckets> bucket(const Infos& infos) {
  BucketedTable<kCount, Key::kBuckets> table;
  std::size_t n = 0;
  for (std::size_t key = 0; key < Key::kBuckets; ++key) {
    table.begin[key] = static_cast<uint16_t>(n);
    for (std::size_t id = 1; id < infos.size(); ++id) {
      if (may_match<Key>(infos[id].pattern, key)) {
        table.candidates[n++] = {infos[id].pattern, static_cast<uint16_t>(id)};
      }
    }
  }
  table.begin[Key::kBuckets] = static_cast<uint16_t>(n);
  return table;
}

constexpr auto kTable32 =
    bucket<Key32, count_candidates<Key32>(detail::kOpcodes)>(detail::kOpcodes);
constexpr auto kTable16 =
    bucket<Key16, count_candidates<Key16>(detail::kCompressed)>(detail::kCompressed);

// Returns the id of the first line matching `bits`, 0 (ILLEGAL / NONE) if none does.
template <typename Key, typename Table>
uint16_t lookup(const Table& table, uint32_t bits) {
  const std::size_t key = Key::of(bits);
  for (std::size_t i = table.begin[key]; i < table.begin[key + 1]; ++i) {
    if (table.candidates[i].pattern.matches(bits)) return table.candidates[i].id;
  }
  return 0;
}

template <typename FormatEnum, std::size_t kFormats>
constexpr auto layouts() {
  std::array<detail::OperandLayout, kFormats> table{};
  for (std::size_t f = 0; f < kFormats; ++f) table[f] = detail::layout(static_cast<FormatEnum>(f));
  return table;
}

// Layout tables cover every format some table line uses (one past the largest), so an index
// taken from a line is always in range.
template <typename Infos>
constexpr std::size_t used_formats(const Infos& infos) {
  std::size_t count = 0;
  for (const auto& info : infos) {
    const auto f = static_cast<std::size_t>(info.format) + 1;
    count = f > count ? f : count;
  }
  return count;
}
constexpr auto kLayouts = layouts<Format, used_formats(detail::kOpcodes)>();
constexpr auto kCompressedLayouts = layouts<CompressedFormat, used_formats(detail::kCompressed)>();

constexpr bool has_static_rm(Format f) {
  return f == Format::R_RM || f == Format::R1_RM || f == Format::R4;
}

Instruction decode32(uint32_t bits) {
  Instruction insn;
  insn.raw = bits;
  insn.length = 4;
  const uint16_t id = lookup<Key32>(kTable32, bits);
  if (id == 0) return insn;
  const Format f = detail::kOpcodes[id].format;
  detail::extract_operands(kLayouts[static_cast<std::size_t>(f)], bits, insn);
  // Rounding modes 5 and 6 are reserved: the instruction is illegal whatever frm holds.
  if (has_static_rm(f) && (insn.rm == 5 || insn.rm == 6)) {
    Instruction illegal;
    illegal.raw = bits;
    illegal.length = 4;
    return illegal;
  }
  insn.op = static_cast<Opcode>(id);
  return insn;
}

Instruction decode16(uint32_t bits) {
  Instruction insn;
  insn.raw = bits;
  insn.length = 2;
  const uint16_t id = lookup<Key16>(kTable16, bits);
  if (id == 0) return insn;
  const detail::CompressedInfo& c = detail::kCompressed[id];
  insn.compressed = static_cast<CompressedOpcode>(id);
  insn.op = c.expands_to;
  detail::extract_operands(kCompressedLayouts[static_cast<std::size_t>(c.format)], bits, insn);
  return insn;
}

}  // namespace

Instruction decode(uint32_t bits) {
  return (bits & 3) == 3 ? decode32(bits) : decode16(bits & 0xffff);
}

}  // namespace vm::isa
