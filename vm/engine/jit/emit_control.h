// Emitters of control transfer. A conditional branch becomes a compare and a jump to a side
// exit of the block (taken); jal and jalr end the block, leaving the next pc in rax.
#pragma once

#include <asmjit/x86.h>

#include "vm/engine/jit/emit_context.h"
#include "vm/isa/instruction.h"

namespace vm::engine::jit {

bool is_jump(isa::Opcode op);  // jal, jalr

// Compares rs1 with rs2 and jumps to `taken` when the branch is taken.
void emit_conditional_branch(EmitContext& c, const isa::Instruction& insn,
                             const asmjit::Label& taken);
// Writes the link register and leaves the jump's target pc in rax.
void emit_jump(EmitContext& c, const isa::Instruction& insn);

}  // namespace vm::engine::jit
