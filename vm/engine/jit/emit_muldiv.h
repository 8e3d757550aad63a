// Emitters of the M extension. Multiplications are inline (imul/mul); mulhsu and every division
// and remainder call small helpers, because RISC-V defines division by zero and the signed
// overflow case (x86's idiv traps on both) and these are rare in compiled code.
#pragma once

#include "vm/engine/jit/emit_context.h"
#include "vm/isa/instruction.h"

namespace vm::engine::jit {

// Emits `insn` and returns true, or emits nothing and returns false when it is not in M.
bool emit_muldiv(EmitContext& c, const isa::Instruction& insn);

}  // namespace vm::engine::jit
