// Emitters of integer loads and stores. The inline path is the flat-memory check the
// interpreter makes (naturally aligned, inside the space, the page's permission byte allows
// it; stores also need a page without decoded code), then one host access at host_base + addr.
// Everything else calls a helper that goes through GuestMemory (misaligned accesses, paged
// memory, faults, stores to code pages), so results and faults are exactly the interpreter's.
#pragma once

#include <asmjit/x86.h>

#include "vm/engine/jit/emit_context.h"
#include "vm/isa/instruction.h"

namespace vm::engine::jit {

bool is_memory_access(isa::Opcode op);  // lb..ld, lbu..lwu, sb..sd

// The slow path may end the block: at `fault` (the helper filled BlockEnvironment::fault) or,
// for a store that changed decoded code, at `code_written` (after the store retired).
void emit_memory_access(EmitContext& c, const isa::Instruction& insn, const asmjit::Label& fault,
                        const asmjit::Label& code_written);

// Stack layout of translated code, shared with the block's entry and exit code: the
// BlockEnvironment* and a slot the load helper writes its value to. Entry subtracts
// kFrameBytes after its pushes, keeping rsp 16-byte aligned for helper calls.
inline constexpr int32_t kFrameEnvironment = 0;
inline constexpr int32_t kFrameValue = 8;
inline constexpr int32_t kFrameBytes = 24;

}  // namespace vm::engine::jit
