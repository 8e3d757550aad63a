#include "vm/engine/jit/emit_integer.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;
using isa::Opcode;

namespace {

// 32-bit result in eax, sign-extended into rax, written to rd (the W forms).
void write_word(EmitContext& c, unsigned rd) {
  c.a.movsxd(x86::rax, x86::eax);
  c.write(rd, x86::rax);
}

void set_if(EmitContext& c, unsigned rd, bool is_unsigned) {
  if (is_unsigned) {
    c.a.setb(x86::dl);
  } else {
    c.a.setl(x86::dl);
  }
  c.a.movzx(x86::eax, x86::dl);
  c.write(rd, x86::rax);
}

}  // namespace

bool emit_integer(EmitContext& c, const isa::Instruction& i) {
  auto& a = c.a;
  const auto imm32 = static_cast<int32_t>(i.imm);  // every I-type immediate fits (12 bits)
  const auto shamt = static_cast<uint32_t>(i.imm);
  switch (i.op) {
    case Opcode::LUI:
      a.mov(x86::rax, i.imm);
      c.write(i.rd, x86::rax);
      return true;
    case Opcode::AUIPC:
      a.mov(x86::rax, static_cast<int64_t>(c.pc + static_cast<uint64_t>(i.imm)));
      c.write(i.rd, x86::rax);
      return true;

    case Opcode::ADD:
      c.operands_to_rax_rcx(i, true);
      a.add(x86::rax, x86::rcx);
      break;
    case Opcode::SUB:
      c.operands_to_rax_rcx(i, true);
      a.sub(x86::rax, x86::rcx);
      break;
    case Opcode::AND:
      c.operands_to_rax_rcx(i, true);
      a.and_(x86::rax, x86::rcx);
      break;
    case Opcode::OR:
      c.operands_to_rax_rcx(i, true);
      a.or_(x86::rax, x86::rcx);
      break;
    case Opcode::XOR:
      c.operands_to_rax_rcx(i, true);
      a.xor_(x86::rax, x86::rcx);
      break;
    // x86 masks a 64-bit shift count to 6 bits, as RV64 does.
    case Opcode::SLL:
      c.operands_to_rax_rcx(i, true);
      a.shl(x86::rax, x86::cl);
      break;
    case Opcode::SRL:
      c.operands_to_rax_rcx(i, true);
      a.shr(x86::rax, x86::cl);
      break;
    case Opcode::SRA:
      c.operands_to_rax_rcx(i, true);
      a.sar(x86::rax, x86::cl);
      break;
    case Opcode::SLT:
    case Opcode::SLTU:
      c.operands_to_rax_rcx(i, true);
      a.cmp(x86::rax, x86::rcx);
      set_if(c, i.rd, i.op == Opcode::SLTU);
      return true;

    case Opcode::ADDI:
      c.operands_to_rax_rcx(i, false);
      a.add(x86::rax, imm32);
      break;
    case Opcode::ANDI:
      c.operands_to_rax_rcx(i, false);
      a.and_(x86::rax, imm32);
      break;
    case Opcode::ORI:
      c.operands_to_rax_rcx(i, false);
      a.or_(x86::rax, imm32);
      break;
    case Opcode::XORI:
      c.operands_to_rax_rcx(i, false);
      a.xor_(x86::rax, imm32);
      break;
    case Opcode::SLLI:
      c.operands_to_rax_rcx(i, false);
      a.shl(x86::rax, shamt);
      break;
    case Opcode::SRLI:
      c.operands_to_rax_rcx(i, false);
      a.shr(x86::rax, shamt);
      break;
    case Opcode::SRAI:
      c.operands_to_rax_rcx(i, false);
      a.sar(x86::rax, shamt);
      break;
    case Opcode::SLTI:
    case Opcode::SLTIU:
      c.operands_to_rax_rcx(i, false);
      a.cmp(x86::rax, imm32);  // the immediate is sign-extended for both, as RISC-V says
      set_if(c, i.rd, i.op == Opcode::SLTIU);
      return true;

    // x86 masks a 32-bit shift count to 5 bits, as the RV64 W shifts do.
    case Opcode::ADDW:
      c.operands_to_rax_rcx(i, true);
      a.add(x86::eax, x86::ecx);
      write_word(c, i.rd);
      return true;
    case Opcode::SUBW:
      c.operands_to_rax_rcx(i, true);
      a.sub(x86::eax, x86::ecx);
      write_word(c, i.rd);
      return true;
    case Opcode::SLLW:
      c.operands_to_rax_rcx(i, true);
      a.shl(x86::eax, x86::cl);
      write_word(c, i.rd);
      return true;
    case Opcode::SRLW:
      c.operands_to_rax_rcx(i, true);
      a.shr(x86::eax, x86::cl);
      write_word(c, i.rd);
      return true;
    case Opcode::SRAW:
      c.operands_to_rax_rcx(i, true);
      a.sar(x86::eax, x86::cl);
      write_word(c, i.rd);
      return true;
    case Opcode::ADDIW:
      c.operands_to_rax_rcx(i, false);
      a.add(x86::eax, imm32);
      write_word(c, i.rd);
      return true;
    case Opcode::SLLIW:
      c.operands_to_rax_rcx(i, false);
      a.shl(x86::eax, shamt);
      write_word(c, i.rd);
      return true;
    case Opcode::SRLIW:
      c.operands_to_rax_rcx(i, false);
      a.shr(x86::eax, shamt);
      write_word(c, i.rd);
      return true;
    case Opcode::SRAIW:
      c.operands_to_rax_rcx(i, false);
      a.sar(x86::eax, shamt);
      write_word(c, i.rd);
      return true;

    default: return false;
  }
  c.write(i.rd, x86::rax);
  return true;
}

}  // namespace vm::engine::jit
