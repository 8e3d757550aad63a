// Instruction encoders for the interpreter's semantic tests. Every helper returns the
// encoding together with its length and the Opcode the decoder must produce for it, so the
// test harness can check that each word means what the test thinks it means.
//
// The encodings follow the RISC-V unprivileged ISA manual's base formats (R/I/S/B/U/J/R4)
// and the RVC quadrant tables; they were cross-checked against riscv64-linux-gnu-as while
// the tests were written (no toolchain is needed at run time).
//
// Operand order follows the assembly syntax: `lw(rd, rs1, imm)` is `lw rd, imm(rs1)`,
// `sw(rs2, rs1, imm)` is `sw rs2, imm(rs1)`, `beq(rs1, rs2, offset)`, and the AMOs are
// `amoadd_w(rd, rs2, rs1)` as in `amoadd.w rd, rs2, (rs1)`. Compressed helpers take the full
// register number (x8..x15 for the 3-bit fields).
#pragma once

#include <cstdint>

#include "vm/isa/instruction.h"

namespace interp_test {

using vm::isa::Opcode;

struct Insn {
  uint32_t bits;
  uint8_t length;  // 2 or 4
  Opcode op;       // what vm::isa::decode must return (the expansion for compressed forms)
};

// Rounding-mode field values.
inline constexpr unsigned kRNE = 0, kRTZ = 1, kRDN = 2, kRUP = 3, kRMM = 4, kDYN = 7;

// CSR numbers.
inline constexpr unsigned kCsrFflags = 0x001, kCsrFrm = 0x002, kCsrFcsr = 0x003;
inline constexpr unsigned kCsrCycle = 0xc00, kCsrTime = 0xc01, kCsrInstret = 0xc02;

namespace fmt {

constexpr uint32_t R(uint32_t f7, unsigned rs2, unsigned rs1, uint32_t f3, unsigned rd,
                     uint32_t opcode) {
  return (f7 << 25) | (uint32_t{rs2} << 20) | (uint32_t{rs1} << 15) | (f3 << 12) |
         (uint32_t{rd} << 7) | opcode;
}
constexpr uint32_t I(int32_t imm, unsigned rs1, uint32_t f3, unsigned rd, uint32_t opcode) {
  return ((static_cast<uint32_t>(imm) & 0xfff) << 20) | (uint32_t{rs1} << 15) | (f3 << 12) |
         (uint32_t{rd} << 7) | opcode;
}
constexpr uint32_t S(int32_t imm, unsigned rs2, unsigned rs1, uint32_t f3, uint32_t opcode) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return (((u >> 5) & 0x7f) << 25) | (uint32_t{rs2} << 20) | (uint32_t{rs1} << 15) | (f3 << 12) |
         ((u & 0x1f) << 7) | opcode;
}
constexpr uint32_t B(int32_t offset, unsigned rs2, unsigned rs1, uint32_t f3) {
  const uint32_t u = static_cast<uint32_t>(offset);
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (uint32_t{rs2} << 20) |
         (uint32_t{rs1} << 15) | (f3 << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) |
         0x63;
}
// `imm20` is the 20-bit field (the value placed in bits 31:12).
constexpr uint32_t U(uint32_t imm20, unsigned rd, uint32_t opcode) {
  return ((imm20 & 0xfffff) << 12) | (uint32_t{rd} << 7) | opcode;
}
constexpr uint32_t J(int32_t offset, unsigned rd) {
  const uint32_t u = static_cast<uint32_t>(offset);
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
         (((u >> 12) & 0xff) << 12) | (uint32_t{rd} << 7) | 0x6f;
}
constexpr uint32_t R4(unsigned rs3, uint32_t fmt2, unsigned rs2, unsigned rs1, unsigned rm,
                      unsigned rd, uint32_t opcode) {
  return (uint32_t{rs3} << 27) | (fmt2 << 25) | (uint32_t{rs2} << 20) | (uint32_t{rs1} << 15) |
         (uint32_t{rm} << 12) | (uint32_t{rd} << 7) | opcode;
}
constexpr uint32_t AMO(uint32_t funct5, unsigned rs2, unsigned rs1, uint32_t f3, unsigned rd) {
  return (funct5 << 27) | (uint32_t{rs2} << 20) | (uint32_t{rs1} << 15) | (f3 << 12) |
         (uint32_t{rd} << 7) | 0x2f;
}

}  // namespace fmt

// ---- RV64I ----------------------------------------------------------------------------

constexpr Insn lui(unsigned rd, uint32_t imm20) {
  return {fmt::U(imm20, rd, 0x37), 4, Opcode::LUI};
}
constexpr Insn auipc(unsigned rd, uint32_t imm20) {
  return {fmt::U(imm20, rd, 0x17), 4, Opcode::AUIPC};
}
constexpr Insn jal(unsigned rd, int32_t offset) { return {fmt::J(offset, rd), 4, Opcode::JAL}; }
constexpr Insn jalr(unsigned rd, unsigned rs1, int32_t imm) {
  return {fmt::I(imm, rs1, 0, rd, 0x67), 4, Opcode::JALR};
}

#define VMT_BRANCH(name, OP, f3)                                    \
  constexpr Insn name(unsigned rs1, unsigned rs2, int32_t offset) { \
    return {fmt::B(offset, rs2, rs1, f3), 4, Opcode::OP};           \
  }
VMT_BRANCH(beq, BEQ, 0)
VMT_BRANCH(bne, BNE, 1)
VMT_BRANCH(blt, BLT, 4)
VMT_BRANCH(bge, BGE, 5)
VMT_BRANCH(bltu, BLTU, 6)
VMT_BRANCH(bgeu, BGEU, 7)
#undef VMT_BRANCH

#define VMT_ITYPE(name, OP, f3, opcode)                         \
  constexpr Insn name(unsigned rd, unsigned rs1, int32_t imm) { \
    return {fmt::I(imm, rs1, f3, rd, opcode), 4, Opcode::OP};   \
  }
VMT_ITYPE(lb, LB, 0, 0x03)
VMT_ITYPE(lh, LH, 1, 0x03)
VMT_ITYPE(lw, LW, 2, 0x03)
VMT_ITYPE(ld, LD, 3, 0x03)
VMT_ITYPE(lbu, LBU, 4, 0x03)
VMT_ITYPE(lhu, LHU, 5, 0x03)
VMT_ITYPE(lwu, LWU, 6, 0x03)
VMT_ITYPE(addi, ADDI, 0, 0x13)
VMT_ITYPE(slti, SLTI, 2, 0x13)
VMT_ITYPE(sltiu, SLTIU, 3, 0x13)
VMT_ITYPE(xori, XORI, 4, 0x13)
VMT_ITYPE(ori, ORI, 6, 0x13)
VMT_ITYPE(andi, ANDI, 7, 0x13)
VMT_ITYPE(addiw, ADDIW, 0, 0x1b)
VMT_ITYPE(flw, FLW, 2, 0x07)
VMT_ITYPE(fld, FLD, 3, 0x07)
#undef VMT_ITYPE

#define VMT_STYPE(name, OP, f3, opcode)                          \
  constexpr Insn name(unsigned rs2, unsigned rs1, int32_t imm) { \
    return {fmt::S(imm, rs2, rs1, f3, opcode), 4, Opcode::OP};   \
  }
VMT_STYPE(sb, SB, 0, 0x23)
VMT_STYPE(sh, SH, 1, 0x23)
VMT_STYPE(sw, SW, 2, 0x23)
VMT_STYPE(sd, SD, 3, 0x23)
VMT_STYPE(fsw, FSW, 2, 0x27)
VMT_STYPE(fsd, FSD, 3, 0x27)
#undef VMT_STYPE

// Shifts by immediate: `hi` is the funct6 (64-bit forms) or funct7 (W forms) above shamt.
#define VMT_SHIFT6(name, OP, funct6, f3, opcode)                                       \
  constexpr Insn name(unsigned rd, unsigned rs1, unsigned shamt) {                     \
    return {(uint32_t{funct6} << 26) | ((shamt & 63u) << 20) | (uint32_t{rs1} << 15) | \
                (f3 << 12) | (uint32_t{rd} << 7) | opcode,                             \
            4, Opcode::OP};                                                            \
  }
#define VMT_SHIFT5(name, OP, funct7, f3, opcode)                                       \
  constexpr Insn name(unsigned rd, unsigned rs1, unsigned shamt) {                     \
    return {(uint32_t{funct7} << 25) | ((shamt & 31u) << 20) | (uint32_t{rs1} << 15) | \
                (f3 << 12) | (uint32_t{rd} << 7) | opcode,                             \
            4, Opcode::OP};                                                            \
  }
VMT_SHIFT6(slli, SLLI, 0x00, 1, 0x13)
VMT_SHIFT6(srli, SRLI, 0x00, 5, 0x13)
VMT_SHIFT6(srai, SRAI, 0x10, 5, 0x13)
VMT_SHIFT5(slliw, SLLIW, 0x00, 1, 0x1b)
VMT_SHIFT5(srliw, SRLIW, 0x00, 5, 0x1b)
VMT_SHIFT5(sraiw, SRAIW, 0x20, 5, 0x1b)
// Zba/Zbb/Zbs immediates
VMT_SHIFT6(slli_uw, SLLI_UW, 0x02, 1, 0x1b)
VMT_SHIFT6(rori, RORI, 0x18, 5, 0x13)
VMT_SHIFT5(roriw, RORIW, 0x30, 5, 0x1b)
VMT_SHIFT6(bclri, BCLRI, 0x12, 1, 0x13)
VMT_SHIFT6(bexti, BEXTI, 0x12, 5, 0x13)
VMT_SHIFT6(binvi, BINVI, 0x1a, 1, 0x13)
VMT_SHIFT6(bseti, BSETI, 0x0a, 1, 0x13)
#undef VMT_SHIFT6
#undef VMT_SHIFT5

#define VMT_RTYPE(name, OP, f7, f3, opcode)                       \
  constexpr Insn name(unsigned rd, unsigned rs1, unsigned rs2) {  \
    return {fmt::R(f7, rs2, rs1, f3, rd, opcode), 4, Opcode::OP}; \
  }
VMT_RTYPE(add, ADD, 0x00, 0, 0x33)
VMT_RTYPE(sub, SUB, 0x20, 0, 0x33)
VMT_RTYPE(sll, SLL, 0x00, 1, 0x33)
VMT_RTYPE(slt, SLT, 0x00, 2, 0x33)
VMT_RTYPE(sltu, SLTU, 0x00, 3, 0x33)
VMT_RTYPE(xor_, XOR, 0x00, 4, 0x33)
VMT_RTYPE(srl, SRL, 0x00, 5, 0x33)
VMT_RTYPE(sra, SRA, 0x20, 5, 0x33)
VMT_RTYPE(or_, OR, 0x00, 6, 0x33)
VMT_RTYPE(and_, AND, 0x00, 7, 0x33)
VMT_RTYPE(addw, ADDW, 0x00, 0, 0x3b)
VMT_RTYPE(subw, SUBW, 0x20, 0, 0x3b)
VMT_RTYPE(sllw, SLLW, 0x00, 1, 0x3b)
VMT_RTYPE(srlw, SRLW, 0x00, 5, 0x3b)
VMT_RTYPE(sraw, SRAW, 0x20, 5, 0x3b)
// M
VMT_RTYPE(mul, MUL, 0x01, 0, 0x33)
VMT_RTYPE(mulh, MULH, 0x01, 1, 0x33)
VMT_RTYPE(mulhsu, MULHSU, 0x01, 2, 0x33)
VMT_RTYPE(mulhu, MULHU, 0x01, 3, 0x33)
VMT_RTYPE(div, DIV, 0x01, 4, 0x33)
VMT_RTYPE(divu, DIVU, 0x01, 5, 0x33)
VMT_RTYPE(rem, REM, 0x01, 6, 0x33)
VMT_RTYPE(remu, REMU, 0x01, 7, 0x33)
VMT_RTYPE(mulw, MULW, 0x01, 0, 0x3b)
VMT_RTYPE(divw, DIVW, 0x01, 4, 0x3b)
VMT_RTYPE(divuw, DIVUW, 0x01, 5, 0x3b)
VMT_RTYPE(remw, REMW, 0x01, 6, 0x3b)
VMT_RTYPE(remuw, REMUW, 0x01, 7, 0x3b)
// Zba
VMT_RTYPE(sh1add, SH1ADD, 0x10, 2, 0x33)
VMT_RTYPE(sh2add, SH2ADD, 0x10, 4, 0x33)
VMT_RTYPE(sh3add, SH3ADD, 0x10, 6, 0x33)
VMT_RTYPE(add_uw, ADD_UW, 0x04, 0, 0x3b)
VMT_RTYPE(sh1add_uw, SH1ADD_UW, 0x10, 2, 0x3b)
VMT_RTYPE(sh2add_uw, SH2ADD_UW, 0x10, 4, 0x3b)
VMT_RTYPE(sh3add_uw, SH3ADD_UW, 0x10, 6, 0x3b)
// Zbb
VMT_RTYPE(andn, ANDN, 0x20, 7, 0x33)
VMT_RTYPE(orn, ORN, 0x20, 6, 0x33)
VMT_RTYPE(xnor, XNOR, 0x20, 4, 0x33)
VMT_RTYPE(max, MAX, 0x05, 6, 0x33)
VMT_RTYPE(maxu, MAXU, 0x05, 7, 0x33)
VMT_RTYPE(min, MIN, 0x05, 4, 0x33)
VMT_RTYPE(minu, MINU, 0x05, 5, 0x33)
VMT_RTYPE(rol, ROL, 0x30, 1, 0x33)
VMT_RTYPE(ror, ROR, 0x30, 5, 0x33)
VMT_RTYPE(rolw, ROLW, 0x30, 1, 0x3b)
VMT_RTYPE(rorw, RORW, 0x30, 5, 0x3b)
// Zbs
VMT_RTYPE(bclr, BCLR, 0x24, 1, 0x33)
VMT_RTYPE(bext, BEXT, 0x24, 5, 0x33)
VMT_RTYPE(binv, BINV, 0x34, 1, 0x33)
VMT_RTYPE(bset, BSET, 0x14, 1, 0x33)
#undef VMT_RTYPE

// Zbb unary forms: a fixed 12-bit field above rs1.
#define VMT_UNARY(name, OP, field12, f3, opcode)                  \
  constexpr Insn name(unsigned rd, unsigned rs1) {                \
    return {fmt::I(field12, rs1, f3, rd, opcode), 4, Opcode::OP}; \
  }
VMT_UNARY(clz, CLZ, 0x600, 1, 0x13)
VMT_UNARY(ctz, CTZ, 0x601, 1, 0x13)
VMT_UNARY(cpop, CPOP, 0x602, 1, 0x13)
VMT_UNARY(sext_b, SEXT_B, 0x604, 1, 0x13)
VMT_UNARY(sext_h, SEXT_H, 0x605, 1, 0x13)
VMT_UNARY(clzw, CLZW, 0x600, 1, 0x1b)
VMT_UNARY(ctzw, CTZW, 0x601, 1, 0x1b)
VMT_UNARY(cpopw, CPOPW, 0x602, 1, 0x1b)
VMT_UNARY(zext_h, ZEXT_H, 0x080, 4, 0x3b)
VMT_UNARY(orc_b, ORC_B, 0x287, 5, 0x13)
VMT_UNARY(rev8, REV8, 0x6b8, 5, 0x13)
#undef VMT_UNARY

constexpr Insn ecall() { return {0x00000073, 4, Opcode::ECALL}; }
constexpr Insn ebreak() { return {0x00100073, 4, Opcode::EBREAK}; }
constexpr Insn fence() { return {0x0ff0000f, 4, Opcode::FENCE}; }  // fence iorw,iorw
constexpr Insn fence_i() { return {0x0000100f, 4, Opcode::FENCE_I}; }
constexpr Insn nop() { return addi(0, 0, 0); }

// ---- A --------------------------------------------------------------------------------

constexpr Insn lr_w(unsigned rd, unsigned rs1) {
  return {fmt::AMO(0x02, 0, rs1, 2, rd), 4, Opcode::LR_W};
}
constexpr Insn lr_d(unsigned rd, unsigned rs1) {
  return {fmt::AMO(0x02, 0, rs1, 3, rd), 4, Opcode::LR_D};
}
#define VMT_AMO(name, OP, funct5, f3)                            \
  constexpr Insn name(unsigned rd, unsigned rs2, unsigned rs1) { \
    return {fmt::AMO(funct5, rs2, rs1, f3, rd), 4, Opcode::OP};  \
  }
VMT_AMO(sc_w, SC_W, 0x03, 2)
VMT_AMO(amoswap_w, AMOSWAP_W, 0x01, 2)
VMT_AMO(amoadd_w, AMOADD_W, 0x00, 2)
VMT_AMO(amoxor_w, AMOXOR_W, 0x04, 2)
VMT_AMO(amoand_w, AMOAND_W, 0x0c, 2)
VMT_AMO(amoor_w, AMOOR_W, 0x08, 2)
VMT_AMO(amomin_w, AMOMIN_W, 0x10, 2)
VMT_AMO(amomax_w, AMOMAX_W, 0x14, 2)
VMT_AMO(amominu_w, AMOMINU_W, 0x18, 2)
VMT_AMO(amomaxu_w, AMOMAXU_W, 0x1c, 2)
VMT_AMO(sc_d, SC_D, 0x03, 3)
VMT_AMO(amoswap_d, AMOSWAP_D, 0x01, 3)
VMT_AMO(amoadd_d, AMOADD_D, 0x00, 3)
VMT_AMO(amoxor_d, AMOXOR_D, 0x04, 3)
VMT_AMO(amoand_d, AMOAND_D, 0x0c, 3)
VMT_AMO(amoor_d, AMOOR_D, 0x08, 3)
VMT_AMO(amomin_d, AMOMIN_D, 0x10, 3)
VMT_AMO(amomax_d, AMOMAX_D, 0x14, 3)
VMT_AMO(amominu_d, AMOMINU_D, 0x18, 3)
VMT_AMO(amomaxu_d, AMOMAXU_D, 0x1c, 3)
#undef VMT_AMO

// ---- Zicsr ----------------------------------------------------------------------------

#define VMT_CSR(name, OP, f3)                                                             \
  constexpr Insn name(unsigned rd, unsigned csr, unsigned rs1_or_uimm) {                  \
    return {fmt::I(static_cast<int32_t>(csr), rs1_or_uimm, f3, rd, 0x73), 4, Opcode::OP}; \
  }
VMT_CSR(csrrw, CSRRW, 1)
VMT_CSR(csrrs, CSRRS, 2)
VMT_CSR(csrrc, CSRRC, 3)
VMT_CSR(csrrwi, CSRRWI, 5)
VMT_CSR(csrrsi, CSRRSI, 6)
VMT_CSR(csrrci, CSRRCI, 7)
#undef VMT_CSR

// ---- F and D --------------------------------------------------------------------------

#define VMT_FP3(name, OP, f7)                                                        \
  constexpr Insn name(unsigned rd, unsigned rs1, unsigned rs2, unsigned rm = kDYN) { \
    return {fmt::R(f7, rs2, rs1, rm, rd, 0x53), 4, Opcode::OP};                      \
  }
VMT_FP3(fadd_s, FADD_S, 0x00)
VMT_FP3(fsub_s, FSUB_S, 0x04)
VMT_FP3(fmul_s, FMUL_S, 0x08)
VMT_FP3(fdiv_s, FDIV_S, 0x0c)
VMT_FP3(fadd_d, FADD_D, 0x01)
VMT_FP3(fsub_d, FSUB_D, 0x05)
VMT_FP3(fmul_d, FMUL_D, 0x09)
VMT_FP3(fdiv_d, FDIV_D, 0x0d)
#undef VMT_FP3

// Fixed funct3 (no rounding mode).
#define VMT_FPF3(name, OP, f7, f3)                               \
  constexpr Insn name(unsigned rd, unsigned rs1, unsigned rs2) { \
    return {fmt::R(f7, rs2, rs1, f3, rd, 0x53), 4, Opcode::OP};  \
  }
VMT_FPF3(fsgnj_s, FSGNJ_S, 0x10, 0)
VMT_FPF3(fsgnjn_s, FSGNJN_S, 0x10, 1)
VMT_FPF3(fsgnjx_s, FSGNJX_S, 0x10, 2)
VMT_FPF3(fsgnj_d, FSGNJ_D, 0x11, 0)
VMT_FPF3(fsgnjn_d, FSGNJN_D, 0x11, 1)
VMT_FPF3(fsgnjx_d, FSGNJX_D, 0x11, 2)
VMT_FPF3(fmin_s, FMIN_S, 0x14, 0)
VMT_FPF3(fmax_s, FMAX_S, 0x14, 1)
VMT_FPF3(fmin_d, FMIN_D, 0x15, 0)
VMT_FPF3(fmax_d, FMAX_D, 0x15, 1)
VMT_FPF3(feq_s, FEQ_S, 0x50, 2)
VMT_FPF3(flt_s, FLT_S, 0x50, 1)
VMT_FPF3(fle_s, FLE_S, 0x50, 0)
VMT_FPF3(feq_d, FEQ_D, 0x51, 2)
VMT_FPF3(flt_d, FLT_D, 0x51, 1)
VMT_FPF3(fle_d, FLE_D, 0x51, 0)
#undef VMT_FPF3

// One source, rs2 field fixed, with rounding mode.
#define VMT_FP1RM(name, OP, f7, rs2field)                              \
  constexpr Insn name(unsigned rd, unsigned rs1, unsigned rm = kDYN) { \
    return {fmt::R(f7, rs2field, rs1, rm, rd, 0x53), 4, Opcode::OP};   \
  }
VMT_FP1RM(fsqrt_s, FSQRT_S, 0x2c, 0)
VMT_FP1RM(fsqrt_d, FSQRT_D, 0x2d, 0)
VMT_FP1RM(fcvt_s_d, FCVT_S_D, 0x20, 1)
VMT_FP1RM(fcvt_d_s, FCVT_D_S, 0x21, 0)
VMT_FP1RM(fcvt_w_s, FCVT_W_S, 0x60, 0)
VMT_FP1RM(fcvt_wu_s, FCVT_WU_S, 0x60, 1)
VMT_FP1RM(fcvt_l_s, FCVT_L_S, 0x60, 2)
VMT_FP1RM(fcvt_lu_s, FCVT_LU_S, 0x60, 3)
VMT_FP1RM(fcvt_w_d, FCVT_W_D, 0x61, 0)
VMT_FP1RM(fcvt_wu_d, FCVT_WU_D, 0x61, 1)
VMT_FP1RM(fcvt_l_d, FCVT_L_D, 0x61, 2)
VMT_FP1RM(fcvt_lu_d, FCVT_LU_D, 0x61, 3)
VMT_FP1RM(fcvt_s_w, FCVT_S_W, 0x68, 0)
VMT_FP1RM(fcvt_s_wu, FCVT_S_WU, 0x68, 1)
VMT_FP1RM(fcvt_s_l, FCVT_S_L, 0x68, 2)
VMT_FP1RM(fcvt_s_lu, FCVT_S_LU, 0x68, 3)
VMT_FP1RM(fcvt_d_w, FCVT_D_W, 0x69, 0)
VMT_FP1RM(fcvt_d_wu, FCVT_D_WU, 0x69, 1)
VMT_FP1RM(fcvt_d_l, FCVT_D_L, 0x69, 2)
VMT_FP1RM(fcvt_d_lu, FCVT_D_LU, 0x69, 3)
#undef VMT_FP1RM

// One source, fixed funct3.
#define VMT_FP1(name, OP, f7, f3)                             \
  constexpr Insn name(unsigned rd, unsigned rs1) {            \
    return {fmt::R(f7, 0, rs1, f3, rd, 0x53), 4, Opcode::OP}; \
  }
VMT_FP1(fmv_x_w, FMV_X_W, 0x70, 0)
VMT_FP1(fclass_s, FCLASS_S, 0x70, 1)
VMT_FP1(fmv_w_x, FMV_W_X, 0x78, 0)
VMT_FP1(fmv_x_d, FMV_X_D, 0x71, 0)
VMT_FP1(fclass_d, FCLASS_D, 0x71, 1)
VMT_FP1(fmv_d_x, FMV_D_X, 0x79, 0)
#undef VMT_FP1

#define VMT_FMA(name, OP, fmt2, opcode)                                                            \
  constexpr Insn name(unsigned rd, unsigned rs1, unsigned rs2, unsigned rs3, unsigned rm = kDYN) { \
    return {fmt::R4(rs3, fmt2, rs2, rs1, rm, rd, opcode), 4, Opcode::OP};                          \
  }
VMT_FMA(fmadd_s, FMADD_S, 0, 0x43)
VMT_FMA(fmsub_s, FMSUB_S, 0, 0x47)
VMT_FMA(fnmsub_s, FNMSUB_S, 0, 0x4b)
VMT_FMA(fnmadd_s, FNMADD_S, 0, 0x4f)
VMT_FMA(fmadd_d, FMADD_D, 1, 0x43)
VMT_FMA(fmsub_d, FMSUB_D, 1, 0x47)
VMT_FMA(fnmsub_d, FNMSUB_D, 1, 0x4b)
VMT_FMA(fnmadd_d, FNMADD_D, 1, 0x4f)
#undef VMT_FMA

// ---- RVC (compressed) -----------------------------------------------------------------
// Each helper places the immediate bits exactly as the RVC tables of the ISA manual draw
// them. `bit(v, n)` is bit n of v; `bits(v, hi, lo)` the field v[hi:lo].

namespace cbits {
constexpr uint32_t bit(int64_t v, unsigned n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(v) >> n) & 1);
}
constexpr uint32_t bits(int64_t v, unsigned hi, unsigned lo) {
  return static_cast<uint32_t>((static_cast<uint64_t>(v) >> lo) &
                               ((uint64_t{1} << (hi - lo + 1)) - 1));
}
constexpr uint32_t p(unsigned reg) { return (reg - 8) & 7; }  // x8..x15 -> 3-bit field
}  // namespace cbits

constexpr Insn c_insn(uint32_t bits16, Opcode op) { return {bits16 & 0xffff, 2, op}; }

// Quadrant 0
constexpr Insn c_addi4spn(unsigned rd,
                          uint32_t uimm) {  // addi rd', sp, uimm (multiple of 4, nonzero)
  using namespace cbits;
  return c_insn((0u << 13) | (bits(uimm, 5, 4) << 11) | (bits(uimm, 9, 6) << 7) |
                    (bit(uimm, 2) << 6) | (bit(uimm, 3) << 5) | (p(rd) << 2) | 0,
                Opcode::ADDI);
}
constexpr uint32_t c_clw_imm(uint32_t uimm) {  // uimm[5:3] at 12:10, uimm[2] at 6, uimm[6] at 5
  using namespace cbits;
  return (bits(uimm, 5, 3) << 10) | (bit(uimm, 2) << 6) | (bit(uimm, 6) << 5);
}
constexpr uint32_t c_cld_imm(uint32_t uimm) {  // uimm[5:3] at 12:10, uimm[7:6] at 6:5
  using namespace cbits;
  return (bits(uimm, 5, 3) << 10) | (bits(uimm, 7, 6) << 5);
}
constexpr Insn c_lw(unsigned rd, unsigned rs1, uint32_t uimm) {
  return c_insn((2u << 13) | c_clw_imm(uimm) | (cbits::p(rs1) << 7) | (cbits::p(rd) << 2),
                Opcode::LW);
}
constexpr Insn c_ld(unsigned rd, unsigned rs1, uint32_t uimm) {
  return c_insn((3u << 13) | c_cld_imm(uimm) | (cbits::p(rs1) << 7) | (cbits::p(rd) << 2),
                Opcode::LD);
}
constexpr Insn c_fld(unsigned rd, unsigned rs1, uint32_t uimm) {
  return c_insn((1u << 13) | c_cld_imm(uimm) | (cbits::p(rs1) << 7) | (cbits::p(rd) << 2),
                Opcode::FLD);
}
constexpr Insn c_sw(unsigned rs2, unsigned rs1, uint32_t uimm) {
  return c_insn((6u << 13) | c_clw_imm(uimm) | (cbits::p(rs1) << 7) | (cbits::p(rs2) << 2),
                Opcode::SW);
}
constexpr Insn c_sd(unsigned rs2, unsigned rs1, uint32_t uimm) {
  return c_insn((7u << 13) | c_cld_imm(uimm) | (cbits::p(rs1) << 7) | (cbits::p(rs2) << 2),
                Opcode::SD);
}
constexpr Insn c_fsd(unsigned rs2, unsigned rs1, uint32_t uimm) {
  return c_insn((5u << 13) | c_cld_imm(uimm) | (cbits::p(rs1) << 7) | (cbits::p(rs2) << 2),
                Opcode::FSD);
}

// Quadrant 1
constexpr uint32_t c_ci_imm(int64_t imm) {  // imm[5] at 12, imm[4:0] at 6:2
  return (cbits::bit(imm, 5) << 12) | (cbits::bits(imm, 4, 0) << 2);
}
constexpr Insn c_nop() { return c_insn(0x0001, Opcode::ADDI); }
constexpr Insn c_addi(unsigned rd, int32_t imm) {
  return c_insn((0u << 13) | c_ci_imm(imm) | (rd << 7) | 1, Opcode::ADDI);
}
constexpr Insn c_addiw(unsigned rd, int32_t imm) {
  return c_insn((1u << 13) | c_ci_imm(imm) | (rd << 7) | 1, Opcode::ADDIW);
}
constexpr Insn c_li(unsigned rd, int32_t imm) {
  return c_insn((2u << 13) | c_ci_imm(imm) | (rd << 7) | 1, Opcode::ADDI);
}
constexpr Insn c_addi16sp(int32_t imm) {  // nzimm[9] at 12; nzimm[4|6|8:7|5] at 6:2
  using namespace cbits;
  return c_insn((3u << 13) | (bit(imm, 9) << 12) | (2u << 7) | (bit(imm, 4) << 6) |
                    (bit(imm, 6) << 5) | (bits(imm, 8, 7) << 3) | (bit(imm, 5) << 2) | 1,
                Opcode::ADDI);
}
// `nzimm6` is the signed 6-bit value of nzimm[17:12] (e.g. -1 for `c.lui rd, 0xfffff`).
constexpr Insn c_lui(unsigned rd, int32_t nzimm6) {
  return c_insn((3u << 13) | c_ci_imm(nzimm6) | (rd << 7) | 1, Opcode::LUI);
}
constexpr Insn c_srli(unsigned rd, unsigned shamt) {
  return c_insn((4u << 13) | c_ci_imm(shamt) | (0u << 10) | (cbits::p(rd) << 7) | 1, Opcode::SRLI);
}
constexpr Insn c_srai(unsigned rd, unsigned shamt) {
  return c_insn((4u << 13) | c_ci_imm(shamt) | (1u << 10) | (cbits::p(rd) << 7) | 1, Opcode::SRAI);
}
constexpr Insn c_andi(unsigned rd, int32_t imm) {
  return c_insn((4u << 13) | c_ci_imm(imm) | (2u << 10) | (cbits::p(rd) << 7) | 1, Opcode::ANDI);
}
#define VMT_CA(name, OP, bit12, f2)                                                           \
  constexpr Insn name(unsigned rd, unsigned rs2) {                                            \
    return c_insn((4u << 13) | (bit12 << 12) | (3u << 10) | (cbits::p(rd) << 7) | (f2 << 5) | \
                      (cbits::p(rs2) << 2) | 1,                                               \
                  Opcode::OP);                                                                \
  }
VMT_CA(c_sub, SUB, 0u, 0u)
VMT_CA(c_xor, XOR, 0u, 1u)
VMT_CA(c_or, OR, 0u, 2u)
VMT_CA(c_and, AND, 0u, 3u)
VMT_CA(c_subw, SUBW, 1u, 0u)
VMT_CA(c_addw, ADDW, 1u, 1u)
#undef VMT_CA
constexpr Insn c_j(int32_t offset) {  // offset[11|4|9:8|10|6|7|3:1|5] at 12:2
  using namespace cbits;
  return c_insn((5u << 13) | (bit(offset, 11) << 12) | (bit(offset, 4) << 11) |
                    (bits(offset, 9, 8) << 9) | (bit(offset, 10) << 8) | (bit(offset, 6) << 7) |
                    (bit(offset, 7) << 6) | (bits(offset, 3, 1) << 3) | (bit(offset, 5) << 2) | 1,
                Opcode::JAL);
}
constexpr uint32_t c_cb_offset(int32_t offset) {  // offset[8|4:3] at 12:10; [7:6|2:1|5] at 6:2
  using namespace cbits;
  return (bit(offset, 8) << 12) | (bits(offset, 4, 3) << 10) | (bits(offset, 7, 6) << 5) |
         (bits(offset, 2, 1) << 3) | (bit(offset, 5) << 2);
}
constexpr Insn c_beqz(unsigned rs1, int32_t offset) {
  return c_insn((6u << 13) | c_cb_offset(offset) | (cbits::p(rs1) << 7) | 1, Opcode::BEQ);
}
constexpr Insn c_bnez(unsigned rs1, int32_t offset) {
  return c_insn((7u << 13) | c_cb_offset(offset) | (cbits::p(rs1) << 7) | 1, Opcode::BNE);
}

// Quadrant 2
constexpr Insn c_slli(unsigned rd, unsigned shamt) {
  return c_insn((0u << 13) | c_ci_imm(shamt) | (rd << 7) | 2, Opcode::SLLI);
}
constexpr uint32_t c_lwsp_imm(uint32_t uimm) {  // uimm[5] at 12; uimm[4:2|7:6] at 6:2
  using namespace cbits;
  return (bit(uimm, 5) << 12) | (bits(uimm, 4, 2) << 4) | (bits(uimm, 7, 6) << 2);
}
constexpr uint32_t c_ldsp_imm(uint32_t uimm) {  // uimm[5] at 12; uimm[4:3|8:6] at 6:2
  using namespace cbits;
  return (bit(uimm, 5) << 12) | (bits(uimm, 4, 3) << 5) | (bits(uimm, 8, 6) << 2);
}
constexpr Insn c_lwsp(unsigned rd, uint32_t uimm) {
  return c_insn((2u << 13) | c_lwsp_imm(uimm) | (rd << 7) | 2, Opcode::LW);
}
constexpr Insn c_ldsp(unsigned rd, uint32_t uimm) {
  return c_insn((3u << 13) | c_ldsp_imm(uimm) | (rd << 7) | 2, Opcode::LD);
}
constexpr Insn c_fldsp(unsigned rd, uint32_t uimm) {
  return c_insn((1u << 13) | c_ldsp_imm(uimm) | (rd << 7) | 2, Opcode::FLD);
}
constexpr Insn c_jr(unsigned rs1) { return c_insn((8u << 12) | (rs1 << 7) | 2, Opcode::JALR); }
constexpr Insn c_mv(unsigned rd, unsigned rs2) {
  return c_insn((8u << 12) | (rd << 7) | (rs2 << 2) | 2, Opcode::ADD);
}
constexpr Insn c_ebreak() { return c_insn(0x9002, Opcode::EBREAK); }
constexpr Insn c_jalr(unsigned rs1) { return c_insn((9u << 12) | (rs1 << 7) | 2, Opcode::JALR); }
constexpr Insn c_add(unsigned rd, unsigned rs2) {
  return c_insn((9u << 12) | (rd << 7) | (rs2 << 2) | 2, Opcode::ADD);
}
constexpr uint32_t c_swsp_imm(uint32_t uimm) {  // uimm[5:2|7:6] at 12:7
  return (cbits::bits(uimm, 5, 2) << 9) | (cbits::bits(uimm, 7, 6) << 7);
}
constexpr uint32_t c_sdsp_imm(uint32_t uimm) {  // uimm[5:3|8:6] at 12:7
  return (cbits::bits(uimm, 5, 3) << 10) | (cbits::bits(uimm, 8, 6) << 7);
}
constexpr Insn c_swsp(unsigned rs2, uint32_t uimm) {
  return c_insn((6u << 13) | c_swsp_imm(uimm) | (rs2 << 2) | 2, Opcode::SW);
}
constexpr Insn c_sdsp(unsigned rs2, uint32_t uimm) {
  return c_insn((7u << 13) | c_sdsp_imm(uimm) | (rs2 << 2) | 2, Opcode::SD);
}
constexpr Insn c_fsdsp(unsigned rs2, uint32_t uimm) {
  return c_insn((5u << 13) | c_sdsp_imm(uimm) | (rs2 << 2) | 2, Opcode::FSD);
}

// An encoding the decoder must reject.
constexpr Insn illegal32(uint32_t bits) { return {bits, 4, Opcode::ILLEGAL}; }
constexpr Insn illegal16(uint32_t bits) { return {bits & 0xffff, 2, Opcode::ILLEGAL}; }

}  // namespace interp_test
