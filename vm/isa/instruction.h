// The decoded form of one guest instruction: what the decoder produces and what the
// interpreter, the JIT and the disassembler consume. Compressed instructions decode to the
// 32-bit instruction they expand to (`op`), and keep their own identity (`compressed`) so the
// disassembler can print them as objdump does.
#pragma once

#include <cstdint>

namespace vm::isa {

enum class Opcode : uint16_t {
  ILLEGAL,
#define INST(id, mnemonic, pattern, format, registers) id,
#include "vm/isa/rv64.inc"
#undef INST
  COUNT
};

// Compressed (RVC) forms, from rv64c.inc; NONE for a 32-bit instruction.
enum class CompressedOpcode : uint16_t {
  NONE,
#define CINST(id, mnemonic, pattern, format, expands_to) id,
#include "vm/isa/rv64c.inc"
#undef CINST
  COUNT
};

// Operand layouts of the 32-bit encodings (the `format` column of rv64.inc).
enum class Format : uint8_t {
  NONE,    // no operands (ecall, ebreak, fence.i)
  R,       // rd, rs1, rs2
  R1,      // rd, rs1
  R_RM,    // rd, rs1, rs2, rm
  R1_RM,   // rd, rs1, rm
  R4,      // rd, rs1, rs2, rs3, rm
  I,       // rd, rs1, imm[11:0]
  LOAD,    // rd, imm(rs1)
  SHAMT5,  // rd, rs1, shamt[4:0]
  SHAMT6,  // rd, rs1, shamt[5:0]
  S,       // rs2, imm(rs1)
  B,       // rs1, rs2, pc-relative imm
  U,       // rd, imm[31:12] (imm holds the value already shifted left by 12)
  J,       // rd, pc-relative imm
  LR,      // rd, (rs1), aq/rl
  AMO,     // rd, rs2, (rs1), aq/rl
  CSR,     // rd, csr, rs1
  CSRI,    // rd, csr, uimm (in rs1)
  FENCE,   // pred, succ (in imm: pred << 4 | succ), fm
};

struct Instruction {
  Opcode op = Opcode::ILLEGAL;
  CompressedOpcode compressed = CompressedOpcode::NONE;
  uint8_t rd = 0;
  uint8_t rs1 = 0;  // also the 5-bit uimm of CSR*I
  uint8_t rs2 = 0;
  uint8_t rs3 = 0;
  uint8_t rm = 0;      // rounding mode field of FP instructions (7 = dynamic)
  uint8_t aqrl = 0;    // bit 1 aq, bit 0 rl (AMO, LR, SC)
  uint8_t length = 4;  // 2 for compressed instructions
  int64_t imm = 0;     // sign-extended immediate, shift amount, csr number, or fence bits
  uint32_t raw = 0;    // the encoding as fetched (16 significant bits when compressed)
};

}  // namespace vm::isa
