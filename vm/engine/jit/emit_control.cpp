#include "vm/engine/jit/emit_control.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;
using isa::Opcode;

bool is_jump(Opcode op) { return op == Opcode::JAL || op == Opcode::JALR; }

void emit_conditional_branch(EmitContext& c, const isa::Instruction& i,
                             const asmjit::Label& taken) {
  const x86::Gp a = c.read(i.rs1, x86::rax);
  const x86::Gp b = c.read(i.rs2, x86::rcx);
  c.a.cmp(a, b);
  switch (i.op) {
    case Opcode::BEQ: c.a.je(taken); break;
    case Opcode::BNE: c.a.jne(taken); break;
    case Opcode::BLT: c.a.jl(taken); break;
    case Opcode::BGE: c.a.jge(taken); break;
    case Opcode::BLTU: c.a.jb(taken); break;
    default: c.a.jae(taken); break;  // BGEU
  }
}

void emit_jump(EmitContext& c, const isa::Instruction& i) {
  const uint64_t link = c.pc + i.length;
  if (i.op == Opcode::JAL) {
    c.a.mov(x86::rcx, link);
    c.write(i.rd, x86::rcx);
    c.a.mov(x86::rax, c.pc + static_cast<uint64_t>(i.imm));
    return;
  }
  // jalr: the target comes from rs1 before the link write (rd may be rs1).
  const x86::Gp base = c.read(i.rs1, x86::rax);
  if (base.id() != x86::Gp::kIdAx) c.a.mov(x86::rax, base);
  c.a.add(x86::rax, static_cast<int32_t>(i.imm));
  c.a.and_(x86::rax, -2);
  c.a.mov(x86::rcx, link);
  c.write(i.rd, x86::rcx);
}

}  // namespace vm::engine::jit
