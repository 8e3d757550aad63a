#include "vm/engine/jit/emit_integer.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;
using isa::Opcode;

namespace {

// rax = rs1 (a copy the emitter may change), rcx holds rs2 when needed.
void load_operands(EmitContext& c, const isa::Instruction& i, bool needs_rs2) {
  const x86::Gp a = c.read(i.rs1, x86::rax);
  if (a.id() != x86::Gp::kIdAx) c.a.mov(x86::rax, a);
  if (needs_rs2) {
    const x86::Gp b = c.read(i.rs2, x86::rcx);
    if (b.id() != x86::Gp::kIdCx) c.a.mov(x86::rcx, b);
  }
}

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
      load_operands(c, i, true);
      a.add(x86::rax, x86::rcx);
      break;
    case Opcode::SUB:
      load_operands(c, i, true);
      a.sub(x86::rax, x86::rcx);
      break;
    case Opcode::AND:
      load_operands(c, i, true);
      a.and_(x86::rax, x86::rcx);
      break;
    case Opcode::OR:
      load_operands(c, i, true);
      a.or_(x86::rax, x86::rcx);
      break;
    case Opcode::XOR:
      load_operands(c, i, true);
      a.xor_(x86::rax, x86::rcx);
      break;
    // x86 masks a 64-bit shift count to 6 bits, as RV64 does.
    case Opcode::SLL:
      load_operands(c, i, true);
      a.shl(x86::rax, x86::cl);
      break;
    case Opcode::SRL:
      load_operands(c, i, true);
      a.shr(x86::rax, x86::cl);
      break;
    case Opcode::SRA:
      load_operands(c, i, true);
      a.sar(x86::rax, x86::cl);
      break;
    case Opcode::SLT:
    case Opcode::SLTU:
      load_operands(c, i, true);
      a.cmp(x86::rax, x86::rcx);
      set_if(c, i.rd, i.op == Opcode::SLTU);
      return true;

    case Opcode::ADDI:
      load_operands(c, i, false);
      a.add(x86::rax, imm32);
      break;
    case Opcode::ANDI:
      load_operands(c, i, false);
      a.and_(x86::rax, imm32);
      break;
    case Opcode::ORI:
      load_operands(c, i, false);
      a.or_(x86::rax, imm32);
      break;
    case Opcode::XORI:
      load_operands(c, i, false);
      a.xor_(x86::rax, imm32);
      break;
    case Opcode::SLLI:
      load_operands(c, i, false);
      a.shl(x86::rax, shamt);
      break;
    case Opcode::SRLI:
      load_operands(c, i, false);
      a.shr(x86::rax, shamt);
      break;
    case Opcode::SRAI:
      load_operands(c, i, false);
      a.sar(x86::rax, shamt);
      break;
    case Opcode::SLTI:
    case Opcode::SLTIU:
      load_operands(c, i, false);
      a.cmp(x86::rax, imm32);  // the immediate is sign-extended for both, as RISC-V says
      set_if(c, i.rd, i.op == Opcode::SLTIU);
      return true;

    // x86 masks a 32-bit shift count to 5 bits, as the RV64 W shifts do.
    case Opcode::ADDW:
      load_operands(c, i, true);
      a.add(x86::eax, x86::ecx);
      write_word(c, i.rd);
      return true;
    case Opcode::SUBW:
      load_operands(c, i, true);
      a.sub(x86::eax, x86::ecx);
      write_word(c, i.rd);
      return true;
    case Opcode::SLLW:
      load_operands(c, i, true);
      a.shl(x86::eax, x86::cl);
      write_word(c, i.rd);
      return true;
    case Opcode::SRLW:
      load_operands(c, i, true);
      a.shr(x86::eax, x86::cl);
      write_word(c, i.rd);
      return true;
    case Opcode::SRAW:
      load_operands(c, i, true);
      a.sar(x86::eax, x86::cl);
      write_word(c, i.rd);
      return true;
    case Opcode::ADDIW:
      load_operands(c, i, false);
      a.add(x86::eax, imm32);
      write_word(c, i.rd);
      return true;
    case Opcode::SLLIW:
      load_operands(c, i, false);
      a.shl(x86::eax, shamt);
      write_word(c, i.rd);
      return true;
    case Opcode::SRLIW:
      load_operands(c, i, false);
      a.shr(x86::eax, shamt);
      write_word(c, i.rd);
      return true;
    case Opcode::SRAIW:
      load_operands(c, i, false);
      a.sar(x86::eax, shamt);
      write_word(c, i.rd);
      return true;

    default: return false;
  }
  c.write(i.rd, x86::rax);
  return true;
}

}  // namespace vm::engine::jit
