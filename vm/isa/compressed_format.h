// Operand layouts of the compressed encodings (the `format` column of rv64c.inc).
//
// RVC scrambles immediates differently per instruction and implies registers (sp, x0, ra)
// differently per instruction, so a layout here is more specific than the spec's CI/CL/...
// names: each one fixes where rd/rs1/rs2 of the *expanded* instruction come from and how the
// immediate is put together. rd'/rs1'/rs2' are the 3-bit fields naming x8..x15 (f8..f15).
#pragma once

#include <cstdint>

namespace vm::isa {

enum class CompressedFormat : uint8_t {
  CNONE,         // no operands (c.ebreak, c.unimp)
  CIW_ADDI4SPN,  // rd', sp, nzuimm[9:2]
  CL_W,          // rd', uimm[6:2](rs1')
  CL_D,          // rd', uimm[7:3](rs1')
  CS_W,          // rs2', uimm[6:2](rs1')
  CS_D,          // rs2', uimm[7:3](rs1')
  CI_ADDI,       // rd = rs1, imm[5:0] (c.addi, c.addiw)
  CI_LI,         // rd, x0, imm[5:0]
  CI_ADDI16SP,   // sp = sp + nzimm[9:4]
  CI_LUI,        // rd, nzimm[17:12] (imm holds the value shifted left by 12, like U)
  CI_SLLI,       // rd = rs1, shamt[5:0]
  CI_SLLI64,     // rd = rs1, shamt 0
  CI_LWSP,       // rd, uimm[7:2](sp)
  CI_LDSP,       // rd, uimm[8:3](sp)
  CSS_SWSP,      // rs2, uimm[7:2](sp)
  CSS_SDSP,      // rs2, uimm[8:3](sp)
  CB_SHIFT,      // rd' = rs1', shamt[5:0]
  CB_SHIFT64,    // rd' = rs1', shamt 0
  CB_ANDI,       // rd' = rs1', imm[5:0]
  CB_BRANCH,     // rs1', x0, pc-relative imm[8:1]
  CA,            // rd' = rs1', rs2'
  CJ,            // x0, pc-relative imm[11:1]
  CR_JR,         // x0, rs1, 0
  CR_JALR,       // ra, rs1, 0
  CR_MV,         // rd, x0, rs2
  CR_ADD,        // rd = rs1, rs2
};

}  // namespace vm::isa
