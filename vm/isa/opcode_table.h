// Internal: rv64.inc and rv64c.inc as constexpr arrays indexed by Opcode / CompressedOpcode.
// Everything the decoder, the query functions and the disassembler know about an instruction
// comes from here.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "vm/isa/bit_pattern.h"
#include "vm/isa/compressed_format.h"
#include "vm/isa/instruction.h"

namespace vm::isa::detail {

struct OpcodeInfo {
  std::string_view mnemonic;
  Format format;
  std::string_view registers;  // register file of rd, rs1, rs2, rs3: 'x', 'f' or '-'
  BitPattern pattern;
};

struct CompressedInfo {
  std::string_view mnemonic;
  CompressedFormat format;
  Opcode expands_to;
  BitPattern pattern;
};

consteval std::string_view checked_registers(std::string_view registers) {
  if (registers.size() != 4) throw "registers column must have 4 characters";
  for (char c : registers) {
    if (c != 'x' && c != 'f' && c != '-') throw "registers column characters are x, f or -";
  }
  return registers;
}

// Index 0 (ILLEGAL / NONE) has an empty pattern; table lookups skip it.
inline constexpr std::array<OpcodeInfo, static_cast<std::size_t>(Opcode::COUNT)> kOpcodes = {{
    {"illegal", Format::NONE, "----", {}},
#define INST(id, mnemonic, pattern, format, registers) \
  {mnemonic, Format::format, checked_registers(registers), parse_bit_pattern(pattern, 32)},
#include "vm/isa/rv64.inc"
#undef INST
}};

inline constexpr std::array<CompressedInfo, static_cast<std::size_t>(CompressedOpcode::COUNT)>
    kCompressed = {{
        {"", CompressedFormat::CNONE, Opcode::ILLEGAL, {}},
#define CINST(id, mnemonic, pattern, format, expands_to) \
  {mnemonic, CompressedFormat::format, Opcode::expands_to, parse_bit_pattern(pattern, 16)},
#include "vm/isa/rv64c.inc"
#undef CINST
    }};

constexpr const OpcodeInfo& info(Opcode op) {
  const auto index = static_cast<std::size_t>(op);
  return kOpcodes[index < kOpcodes.size() ? index : 0];
}

constexpr const CompressedInfo& info(CompressedOpcode op) {
  const auto index = static_cast<std::size_t>(op);
  return kCompressed[index < kCompressed.size() ? index : 0];
}

}  // namespace vm::isa::detail
