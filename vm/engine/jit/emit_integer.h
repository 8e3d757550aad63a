// Emitters of the RV64I integer computational instructions (register-register, immediate,
// shifts, comparisons, lui/auipc and the 32-bit W forms).
#pragma once

#include "vm/engine/jit/emit_context.h"
#include "vm/isa/instruction.h"

namespace vm::engine::jit {

// Emits `insn` and returns true, or emits nothing and returns false when it is not an integer
// computational instruction.
bool emit_integer(EmitContext& c, const isa::Instruction& insn);

}  // namespace vm::engine::jit
