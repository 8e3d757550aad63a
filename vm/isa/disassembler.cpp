// Disassembly driven by the instruction tables: the mnemonic comes from rv64.inc/rv64c.inc,
// the operand syntax from a per-format template, the register file of each operand from the
// `registers` column. The few places where objdump's syntax is not a function of the format
// are listed as data below.
#include "vm/isa/disassembler.h"

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstddef>
#include <cstdio>
#include <string_view>
#include <utility>

#include "vm/isa/decoder.h"
#include "vm/isa/opcode_table.h"

namespace vm::isa {
namespace {

// Operand templates. Letters stand for operands, everything else is copied:
//   d s t u  rd, rs1, rs2, rs3 (register names from the opcode's register files)
//   i        imm in decimal               x  imm in hex (shift amounts)
//   U        imm >> 12 in hex (lui)       b  pc + imm, hex without 0x (branch targets)
//   c        CSR (imm) by name            z  rs1 as a number (CSR*I uimm)
//   m        ",<rounding mode>" unless dynamic
//   p q      fence predecessor / successor set
constexpr std::string_view operand_template(Format format) {
  switch (format) {
    case Format::NONE: return "";
    case Format::R: return "d,s,t";
    case Format::R1: return "d,s";
    case Format::R_RM: return "d,s,tm";
    case Format::R1_RM: return "d,sm";
    case Format::R4: return "d,s,t,um";
    case Format::I: return "d,s,i";
    case Format::LOAD: return "d,i(s)";
    case Format::SHAMT5:
    case Format::SHAMT6: return "d,s,x";
    case Format::S: return "t,i(s)";
    case Format::B: return "s,t,b";
    case Format::U: return "d,U";
    case Format::J: return "d,b";
    case Format::LR: return "d,(s)";
    case Format::AMO: return "d,t,(s)";
    case Format::CSR: return "d,c,s";
    case Format::CSRI: return "d,c,z";
    case Format::FENCE: return "p,q";
  }
  return "";
}

// Compressed templates print the fields of the expanded instruction, so implied registers
// (sp of c.addi4spn / c.lwsp) come out by themselves.
constexpr std::string_view operand_template(CompressedFormat format) {
  using F = CompressedFormat;
  switch (format) {
    case F::CNONE: return "";
    case F::CIW_ADDI4SPN: return "d,s,i";
    case F::CL_W:
    case F::CL_D:
    case F::CI_LWSP:
    case F::CI_LDSP: return "d,i(s)";
    case F::CS_W:
    case F::CS_D:
    case F::CSS_SWSP:
    case F::CSS_SDSP: return "t,i(s)";
    case F::CI_ADDI:
    case F::CI_LI:
    case F::CI_ADDI16SP:
    case F::CB_ANDI: return "d,i";
    case F::CI_LUI: return "d,U";
    case F::CI_SLLI:
    case F::CB_SHIFT: return "d,x";
    case F::CI_SLLI64:
    case F::CB_SHIFT64: return "d";
    case F::CB_BRANCH: return "s,b";
    case F::CA:
    case F::CR_MV:
    case F::CR_ADD: return "d,t";
    case F::CJ: return "b";
    case F::CR_JR:
    case F::CR_JALR: return "s";
  }
  return "";
}

// Instructions whose objdump syntax differs from their format's.
constexpr std::array<std::pair<Opcode, std::string_view>, 5> kTemplateOverrides = {{
    {Opcode::JALR, "d,i(s)"},  // "jalr ra,0(a5)", an I-type printed like a load
    {Opcode::FENCE_TSO, ""},
    // Exact conversions: objdump 2.40 prints no rounding mode (and knows them only with rm 0).
    {Opcode::FCVT_D_S, "d,s"},
    {Opcode::FCVT_D_W, "d,s"},
    {Opcode::FCVT_D_WU, "d,s"},
}};

// Bits that the architecture ignores (or reserves but executes) while objdump 2.40's pattern
// requires them to be zero; objdump shows such words as ".4byte", and so do we.
constexpr std::array<std::pair<Opcode, uint32_t>, 6> kObjdumpZeroBits = {{
    {Opcode::FENCE, 0xf00f8f80},      // fm, rs1, rd
    {Opcode::FENCE_TSO, 0x000f8f80},  // rs1, rd
    {Opcode::FENCE_I, 0xffff8f80},    // imm, rs1, rd
    {Opcode::FCVT_D_S, 0x00007000},   // rm
    {Opcode::FCVT_D_W, 0x00007000},
    {Opcode::FCVT_D_WU, 0x00007000},
}};

// Words objdump names although -M no-aliases asks for canonical instructions.
constexpr std::array<std::pair<uint32_t, std::string_view>, 1> kObjdumpWordNames = {{
    {0xc0001073, "unimp"},  // csrrw zero,cycle,zero
}};

struct CsrName {
  uint16_t number;
  std::string_view name;
};

constexpr CsrName kCsrNames[] = {
#define CSR(number, name) {number, name},
#include "vm/isa/csr_names.inc"
#undef CSR
};

// append_csr looks names up by binary search.
static_assert(std::is_sorted(std::begin(kCsrNames), std::end(kCsrNames),
                             [](const CsrName& a, const CsrName& b) {
                               return a.number < b.number;
                             }));

constexpr std::array<std::string_view, 32> kXNames = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

constexpr std::array<std::string_view, 32> kFNames = {
    "ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1", "fa0",
    "fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4", "fs5",
    "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

// Index = rm field; 5 and 6 never reach here (the decoder rejects them), 7 (dyn) prints nothing.
constexpr std::array<std::string_view, 8> kRoundingModes = {"rne", "rtz",     "rdn",     "rup",
                                                            "rmm", "unknown", "unknown", ""};

template <typename Table, typename Key>
constexpr auto find(const Table& table, const Key& key) -> decltype(&table[0].second) {
  for (const auto& [k, v] : table) {
    if (k == key) return &v;
  }
  return nullptr;
}

void append_hex(std::string& out, uint64_t value, bool prefix) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, prefix ? "0x%" PRIx64 : "%" PRIx64, value);
  out += buffer;
}

void append_decimal(std::string& out, int64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%" PRId64, value);
  out += buffer;
}

void append_register(std::string& out, Opcode op, Operand operand, uint8_t number) {
  const auto& names = register_file(op, operand) == RegisterFile::F ? kFNames : kXNames;
  out += names[number & 31];
}

void append_csr(std::string& out, int64_t number) {
  const auto it = std::lower_bound(std::begin(kCsrNames), std::end(kCsrNames), number,
                                   [](const CsrName& c, int64_t n) { return c.number < n; });
  if (it != std::end(kCsrNames) && it->number == number) {
    out += it->name;
  } else {
    append_hex(out, static_cast<uint64_t>(number), true);
  }
}

void append_fence_set(std::string& out, unsigned set) {
  if (set == 0) {
    out += "unknown";
    return;
  }
  if (set & 8) out += 'i';
  if (set & 4) out += 'o';
  if (set & 2) out += 'r';
  if (set & 1) out += 'w';
}

void append_operands(std::string& out, std::string_view pattern, const Instruction& insn,
                     uint64_t pc) {
  for (const char c : pattern) {
    switch (c) {
      case 'd': append_register(out, insn.op, Operand::RD, insn.rd); break;
      case 's': append_register(out, insn.op, Operand::RS1, insn.rs1); break;
      case 't': append_register(out, insn.op, Operand::RS2, insn.rs2); break;
      case 'u': append_register(out, insn.op, Operand::RS3, insn.rs3); break;
      case 'i': append_decimal(out, insn.imm); break;
      case 'x': append_hex(out, static_cast<uint64_t>(insn.imm), true); break;
      case 'U': append_hex(out, (static_cast<uint64_t>(insn.imm) >> 12) & 0xfffff, true); break;
      case 'b': append_hex(out, pc + static_cast<uint64_t>(insn.imm), false); break;
      case 'c': append_csr(out, insn.imm); break;
      case 'z': append_decimal(out, insn.rs1); break;
      case 'm':
        if (insn.rm != 7) {
          out += ',';
          out += kRoundingModes[insn.rm & 7];
        }
        break;
      case 'p': append_fence_set(out, (insn.imm >> 4) & 15); break;
      case 'q': append_fence_set(out, insn.imm & 15); break;
      default: out += c;
    }
  }
}

std::string unknown_word(const Instruction& insn) {
  std::string out = insn.length == 2 ? ".2byte\t" : ".4byte\t";
  append_hex(out, insn.raw, true);
  return out;
}

std::string with_operands(std::string out, std::string_view pattern, const Instruction& insn,
                          uint64_t pc) {
  if (!pattern.empty()) {
    out += '\t';
    append_operands(out, pattern, insn, pc);
  }
  return out;
}

}  // namespace

std::string disassemble(const Instruction& insn, uint64_t pc) {
  if (insn.compressed != CompressedOpcode::NONE) {
    const detail::CompressedInfo& c = detail::info(insn.compressed);
    return with_operands(std::string(c.mnemonic), operand_template(c.format), insn, pc);
  }
  if (insn.op == Opcode::ILLEGAL) return unknown_word(insn);
  if (const auto* name = find(kObjdumpWordNames, insn.raw)) return std::string(*name);
  if (const auto* zero_bits = find(kObjdumpZeroBits, insn.op)) {
    if ((insn.raw & *zero_bits) != 0) return unknown_word(insn);
  }

  const detail::OpcodeInfo& info = detail::info(insn.op);
  std::string out(info.mnemonic);
  if (info.format == Format::LR || info.format == Format::AMO) {
    constexpr std::array<std::string_view, 4> kOrdering = {"", ".rl", ".aq", ".aqrl"};
    out += kOrdering[insn.aqrl & 3];
  }
  const auto* override_pattern = find(kTemplateOverrides, insn.op);
  return with_operands(std::move(out),
                       override_pattern ? *override_pattern : operand_template(info.format), insn,
                       pc);
}

}  // namespace vm::isa
