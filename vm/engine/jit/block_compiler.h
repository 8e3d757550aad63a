// Turns a guest block into a host function over CpuState (block_environment.h): the translation
// loop over the per-category emitters, wrapped in the entry and exit code that moves the pinned
// guest registers between CpuState and their host registers. A block is a run of computational
// instructions, integer loads and stores, and conditional branches (each a side exit when
// taken) that may end with jal or jalr. Every exit leaves CpuState::pc at the next guest pc and
// adds the instructions it retired to CpuState::instret; a faulting access exits at its own pc
// with only the instructions before it retired, and a store that changed decoded code exits
// right after itself. Chaining between blocks comes in a later stage.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "vm/engine/cpu_state.h"
#include "vm/engine/jit/block_environment.h"
#include "vm/engine/jit/code_cache.h"
#include "vm/engine/jit/guest_register_map.h"
#include "vm/isa/instruction.h"

namespace vm::engine::jit {

struct CompiledBlock {
  BlockFunction entry = nullptr;
  const uint8_t* code = nullptr;
  size_t host_bytes = 0;
};

struct CompileError {
  uint64_t pc = 0;
  std::string reason;  // e.g. "no emitter for lw"
};

// Compiles `insns` (the first at guest `pc`, the rest following by their lengths; only the
// last may be a jump) into `cache`. Returns the block, or the first instruction it cannot
// translate yet; a full cache is a CompileError too (the caller flushes and retries).
struct CompileResult {
  std::optional<CompiledBlock> block;
  CompileError error;
};
CompileResult compile_block(std::span<const isa::Instruction> insns, uint64_t pc,
                            const GuestRegisterMap& map, CodeCache& cache);

}  // namespace vm::engine::jit
