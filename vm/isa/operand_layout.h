// Internal: where each format keeps its operands, as data.
//
// Immediates are written the way the ISA manual draws them, e.g. c.j's "11|4|9:8|10|6|7|3:1|5"
// starting at instruction bit 12: each '|'-separated piece takes the next instruction bits
// going down and says which immediate bits they are. That keeps every scrambled RVC shape
// checkable against the manual at a glance, and is parsed at compile time.
//
// Registers name the instruction bits of a field (3-bit fields are rd'/rs1'/rs2', i.e.
// x8..x15) or a register the format implies (sp for c.lwsp, ra for c.jalr, x0 for c.li...).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "vm/isa/compressed_format.h"
#include "vm/isa/instruction.h"

namespace vm::isa::detail {

// Bits [from, from + width) of the encoding are bits [to, to + width) of the immediate.
struct BitMove {
  uint8_t from = 0;
  uint32_t mask = 0;  // (1 << width) - 1; 0 in unused slots, which then add nothing
  uint8_t to = 0;
};

// Extraction is branch-free on purpose: the decoder sees every kind of instruction mixed,
// and a loop whose trip count depends on the format would mispredict all the time.
struct ImmediateShape {
  std::array<BitMove, 8> moves{};
  uint8_t count = 0;       // moves in use (only the parser needs it)
  uint8_t sign_shift = 0;  // 63 - highest immediate bit when signed, else 0

  constexpr int64_t extract(uint32_t bits) const {
    uint64_t value = 0;
    for (const BitMove& m : moves)
      value |= static_cast<uint64_t>((bits >> m.from) & m.mask) << m.to;
    return static_cast<int64_t>(value << sign_shift) >> sign_shift;
  }
};

struct ImmediatePiece {
  std::string_view layout;  // e.g. "4|6|8:7|5"
  uint8_t top_bit;          // the instruction bit the first piece starts at
};

consteval unsigned parse_number(std::string_view text, std::size_t& pos) {
  if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') throw "number expected";
  unsigned value = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + static_cast<unsigned>(text[pos++] - '0');
  }
  return value;
}

consteval ImmediateShape immediate(bool is_signed, std::initializer_list<ImmediatePiece> pieces) {
  ImmediateShape shape;
  unsigned highest_bit = 0;
  for (const ImmediatePiece& piece : pieces) {
    int top = piece.top_bit;
    std::size_t pos = 0;
    while (pos < piece.layout.size()) {
      const unsigned high = parse_number(piece.layout, pos);
      unsigned low = high;
      if (pos < piece.layout.size() && piece.layout[pos] == ':') {
        ++pos;
        low = parse_number(piece.layout, pos);
      }
      if (pos < piece.layout.size() && piece.layout[pos] != '|') throw "'|' expected";
      ++pos;
      if (low > high || high > 31) throw "immediate ranges are written high:low, below 32";
      const int width = static_cast<int>(high - low + 1);
      if (top - width + 1 < 0) throw "immediate runs below bit 0";
      if (shape.count == shape.moves.size()) throw "too many immediate pieces";
      shape.moves[shape.count++] = {static_cast<uint8_t>(top - width + 1),
                                    static_cast<uint32_t>((uint64_t{1} << width) - 1),
                                    static_cast<uint8_t>(low)};
      if (high > highest_bit) highest_bit = high;
      top -= width;
    }
  }
  shape.sign_shift = is_signed ? static_cast<uint8_t>(63 - highest_bit) : 0;
  return shape;
}

// A register operand: the `width`-bit field at instruction bit `from`, plus `base`. The 3-bit
// fields of RVC name x8..x15 (base 8); with width 0 the register is just `base`, one the
// format implies (sp, ra, x0).
struct RegisterSource {
  uint8_t from = 0;
  uint8_t width = 0;
  uint8_t base = 0;

  constexpr uint8_t extract(uint32_t bits) const {
    return static_cast<uint8_t>(((bits >> from) & ((1u << width) - 1)) + base);
  }
};

struct OperandLayout {
  RegisterSource rd, rs1, rs2, rs3;
  ImmediateShape imm;
  bool rm = false;    // bits 14:12 are a rounding mode
  bool aqrl = false;  // bits 26:25 are aq, rl
};

// Register fields of the 32-bit formats, and registers implied by compressed ones.
inline constexpr RegisterSource kRd{7, 5, 0}, kRs1{15, 5, 0}, kRs2{20, 5, 0}, kRs3{27, 5, 0};
inline constexpr RegisterSource kX0{0, 0, 0}, kRa{0, 0, 1}, kSp{0, 0, 2};
inline constexpr RegisterSource kCRd{7, 5, 0}, kCRs2{2, 5, 0};            // bits 11:7, 6:2
inline constexpr RegisterSource kCRdPrime{2, 3, 8}, kCRs1Prime{7, 3, 8};  // bits 4:2, 9:7
inline constexpr RegisterSource kCRs2Prime{2, 3, 8};

// GCC before 14 warns about designated initializers that leave members to their defaults,
// which is exactly how these layouts are meant to read.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

constexpr OperandLayout layout(Format format) {
  switch (format) {
    case Format::NONE: return {};
    case Format::R: return {.rd = kRd, .rs1 = kRs1, .rs2 = kRs2};
    case Format::R1: return {.rd = kRd, .rs1 = kRs1};
    case Format::R_RM: return {.rd = kRd, .rs1 = kRs1, .rs2 = kRs2, .rm = true};
    case Format::R1_RM: return {.rd = kRd, .rs1 = kRs1, .rm = true};
    case Format::R4: return {.rd = kRd, .rs1 = kRs1, .rs2 = kRs2, .rs3 = kRs3, .rm = true};
    case Format::I:
    case Format::LOAD: return {.rd = kRd, .rs1 = kRs1, .imm = immediate(true, {{"11:0", 31}})};
    case Format::SHAMT5: return {.rd = kRd, .rs1 = kRs1, .imm = immediate(false, {{"4:0", 24}})};
    case Format::SHAMT6: return {.rd = kRd, .rs1 = kRs1, .imm = immediate(false, {{"5:0", 25}})};
    case Format::S:
      return {.rs1 = kRs1, .rs2 = kRs2, .imm = immediate(true, {{"11:5", 31}, {"4:0", 11}})};
    case Format::B:
      return {.rs1 = kRs1, .rs2 = kRs2, .imm = immediate(true, {{"12|10:5", 31}, {"4:1|11", 11}})};
    case Format::U: return {.rd = kRd, .imm = immediate(true, {{"31:12", 31}})};
    case Format::J: return {.rd = kRd, .imm = immediate(true, {{"20|10:1|11|19:12", 31}})};
    case Format::LR: return {.rd = kRd, .rs1 = kRs1, .aqrl = true};
    case Format::AMO: return {.rd = kRd, .rs1 = kRs1, .rs2 = kRs2, .aqrl = true};
    // The CSR number is unsigned; CSRI's 5-bit uimm sits in the rs1 field.
    case Format::CSR:
    case Format::CSRI: return {.rd = kRd, .rs1 = kRs1, .imm = immediate(false, {{"11:0", 31}})};
    // imm = fm << 8 | pred << 4 | succ: the whole 12-bit field, unsigned.
    case Format::FENCE: return {.imm = immediate(false, {{"11:0", 31}})};
  }
  throw "Format without a layout";
}

constexpr OperandLayout layout(CompressedFormat format) {
  using F = CompressedFormat;
  switch (format) {
    case F::CNONE: return {};
    case F::CIW_ADDI4SPN:
      return {.rd = kCRdPrime, .rs1 = kSp, .imm = immediate(false, {{"5:4|9:6|2|3", 12}})};
    case F::CL_W:
      return {
          .rd = kCRdPrime, .rs1 = kCRs1Prime, .imm = immediate(false, {{"5:3", 12}, {"2|6", 6}})};
    case F::CL_D:
      return {
          .rd = kCRdPrime, .rs1 = kCRs1Prime, .imm = immediate(false, {{"5:3", 12}, {"7:6", 6}})};
    case F::CS_W:
      return {
          .rs1 = kCRs1Prime, .rs2 = kCRs2Prime, .imm = immediate(false, {{"5:3", 12}, {"2|6", 6}})};
    case F::CS_D:
      return {
          .rs1 = kCRs1Prime, .rs2 = kCRs2Prime, .imm = immediate(false, {{"5:3", 12}, {"7:6", 6}})};
    case F::CI_ADDI:
      return {.rd = kCRd, .rs1 = kCRd, .imm = immediate(true, {{"5", 12}, {"4:0", 6}})};
    case F::CI_LI: return {.rd = kCRd, .rs1 = kX0, .imm = immediate(true, {{"5", 12}, {"4:0", 6}})};
    case F::CI_ADDI16SP:
      return {.rd = kSp, .rs1 = kSp, .imm = immediate(true, {{"9", 12}, {"4|6|8:7|5", 6}})};
    case F::CI_LUI: return {.rd = kCRd, .imm = immediate(true, {{"17", 12}, {"16:12", 6}})};
    case F::CI_SLLI:
      return {.rd = kCRd, .rs1 = kCRd, .imm = immediate(false, {{"5", 12}, {"4:0", 6}})};
    case F::CI_SLLI64: return {.rd = kCRd, .rs1 = kCRd};
    case F::CI_LWSP:
      return {.rd = kCRd, .rs1 = kSp, .imm = immediate(false, {{"5", 12}, {"4:2|7:6", 6}})};
    case F::CI_LDSP:
      return {.rd = kCRd, .rs1 = kSp, .imm = immediate(false, {{"5", 12}, {"4:3|8:6", 6}})};
    case F::CSS_SWSP: return {.rs1 = kSp, .rs2 = kCRs2, .imm = immediate(false, {{"5:2|7:6", 12}})};
    case F::CSS_SDSP: return {.rs1 = kSp, .rs2 = kCRs2, .imm = immediate(false, {{"5:3|8:6", 12}})};
    case F::CB_SHIFT:
      return {
          .rd = kCRs1Prime, .rs1 = kCRs1Prime, .imm = immediate(false, {{"5", 12}, {"4:0", 6}})};
    case F::CB_SHIFT64: return {.rd = kCRs1Prime, .rs1 = kCRs1Prime};
    case F::CB_ANDI:
      return {.rd = kCRs1Prime, .rs1 = kCRs1Prime, .imm = immediate(true, {{"5", 12}, {"4:0", 6}})};
    case F::CB_BRANCH:
      return {
          .rs1 = kCRs1Prime, .rs2 = kX0, .imm = immediate(true, {{"8|4:3", 12}, {"7:6|2:1|5", 6}})};
    case F::CA: return {.rd = kCRs1Prime, .rs1 = kCRs1Prime, .rs2 = kCRs2Prime};
    case F::CJ: return {.rd = kX0, .imm = immediate(true, {{"11|4|9:8|10|6|7|3:1|5", 12}})};
    case F::CR_JR: return {.rd = kX0, .rs1 = kCRd};
    case F::CR_JALR: return {.rd = kRa, .rs1 = kCRd};
    case F::CR_MV: return {.rd = kCRd, .rs1 = kX0, .rs2 = kCRs2};
    case F::CR_ADD: return {.rd = kCRd, .rs1 = kCRd, .rs2 = kCRs2};
  }
  throw "CompressedFormat without a layout";
}

#pragma GCC diagnostic pop

// Fills the operand fields of `insn` from `bits` according to `l`.
constexpr void extract_operands(const OperandLayout& l, uint32_t bits, Instruction& insn) {
  insn.rd = l.rd.extract(bits);
  insn.rs1 = l.rs1.extract(bits);
  insn.rs2 = l.rs2.extract(bits);
  insn.rs3 = l.rs3.extract(bits);
  insn.imm = l.imm.extract(bits);
  insn.rm = static_cast<uint8_t>((bits >> 12) & (l.rm ? 7 : 0));
  insn.aqrl = static_cast<uint8_t>((bits >> 25) & (l.aqrl ? 3 : 0));
}

}  // namespace vm::isa::detail
