// Emitters of the bit-manipulation extensions Zba (address generation) and the part of Zbb that
// plain x86-64 covers without BMI/LZCNT/POPCNT (logic with negation, min/max, rotates, sign and
// zero extension, byte reversal). clz/ctz/cpop and orc.b are left for a CPUID-aware stage.
#pragma once

#include "vm/engine/jit/emit_context.h"
#include "vm/isa/instruction.h"

namespace vm::engine::jit {

// Emits `insn` and returns true, or emits nothing and returns false when it is not covered.
bool emit_bitmanip(EmitContext& c, const isa::Instruction& insn);

}  // namespace vm::engine::jit
