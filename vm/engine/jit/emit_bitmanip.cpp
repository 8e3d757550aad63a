#include "vm/engine/jit/emit_bitmanip.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;
using isa::Opcode;

namespace {

// rax = (rs1 << shift) + rs2, with rs1 zero-extended from 32 bits for the .uw forms.
void shift_add(EmitContext& c, const isa::Instruction& i, unsigned shift, bool unsigned_word) {
  c.operands_to_rax_rcx(i, true);
  if (unsigned_word) c.a.mov(x86::eax, x86::eax);  // zero-extends
  c.a.lea(x86::rax, x86::ptr(x86::rcx, x86::rax, shift));
}

}  // namespace

bool emit_bitmanip(EmitContext& c, const isa::Instruction& i) {
  auto& a = c.a;
  switch (i.op) {
    case Opcode::SH1ADD: shift_add(c, i, 1, false); break;
    case Opcode::SH2ADD: shift_add(c, i, 2, false); break;
    case Opcode::SH3ADD: shift_add(c, i, 3, false); break;
    case Opcode::ADD_UW: shift_add(c, i, 0, true); break;
    case Opcode::SH1ADD_UW: shift_add(c, i, 1, true); break;
    case Opcode::SH2ADD_UW: shift_add(c, i, 2, true); break;
    case Opcode::SH3ADD_UW: shift_add(c, i, 3, true); break;
    case Opcode::SLLI_UW:
      c.operands_to_rax_rcx(i, false);
      a.mov(x86::eax, x86::eax);
      a.shl(x86::rax, static_cast<uint32_t>(i.imm));
      break;

    case Opcode::ANDN:
    case Opcode::ORN:
    case Opcode::XNOR:
      c.operands_to_rax_rcx(i, true);
      a.not_(x86::rcx);
      if (i.op == Opcode::ANDN) a.and_(x86::rax, x86::rcx);
      if (i.op == Opcode::ORN) a.or_(x86::rax, x86::rcx);
      if (i.op == Opcode::XNOR) a.xor_(x86::rax, x86::rcx);
      break;
    case Opcode::MAX:
    case Opcode::MAXU:
    case Opcode::MIN:
    case Opcode::MINU:
      c.operands_to_rax_rcx(i, true);
      a.cmp(x86::rax, x86::rcx);
      if (i.op == Opcode::MAX) a.cmovl(x86::rax, x86::rcx);
      if (i.op == Opcode::MAXU) a.cmovb(x86::rax, x86::rcx);
      if (i.op == Opcode::MIN) a.cmovg(x86::rax, x86::rcx);
      if (i.op == Opcode::MINU) a.cmova(x86::rax, x86::rcx);
      break;
    case Opcode::ROL:
      c.operands_to_rax_rcx(i, true);
      a.rol(x86::rax, x86::cl);
      break;
    case Opcode::ROR:
      c.operands_to_rax_rcx(i, true);
      a.ror(x86::rax, x86::cl);
      break;
    case Opcode::RORI:
      c.operands_to_rax_rcx(i, false);
      a.ror(x86::rax, static_cast<uint32_t>(i.imm));
      break;
    case Opcode::ROLW:
    case Opcode::RORW:
    case Opcode::RORIW:
      c.operands_to_rax_rcx(i, i.op != Opcode::RORIW);
      if (i.op == Opcode::ROLW) a.rol(x86::eax, x86::cl);
      if (i.op == Opcode::RORW) a.ror(x86::eax, x86::cl);
      if (i.op == Opcode::RORIW) a.ror(x86::eax, static_cast<uint32_t>(i.imm));
      a.movsxd(x86::rax, x86::eax);
      break;
    case Opcode::SEXT_B:
      c.operands_to_rax_rcx(i, false);
      a.movsx(x86::rax, x86::al);
      break;
    case Opcode::SEXT_H:
      c.operands_to_rax_rcx(i, false);
      a.movsx(x86::rax, x86::ax);
      break;
    case Opcode::ZEXT_H:
      c.operands_to_rax_rcx(i, false);
      a.movzx(x86::eax, x86::ax);
      break;
    case Opcode::REV8:
      c.operands_to_rax_rcx(i, false);
      a.bswap(x86::rax);
      break;
    default: return false;
  }
  c.write(i.rd, x86::rax);
  return true;
}

}  // namespace vm::engine::jit
