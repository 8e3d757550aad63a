// The interface every execution engine (interpreter, JIT, tiered) implements: run guest code
// from the current pc until something needs the runtime.
#pragma once

#include <cstdint>
#include <string>

#include "vm/engine/cpu_state.h"

namespace vm::engine {

struct EngineStats {
  uint64_t blocks_decoded = 0;
  uint64_t instructions_decoded = 0;
  uint64_t blocks_invalidated = 0;
  uint64_t code_flushes = 0;
};

class ExecutionEngine {
 public:
  virtual ~ExecutionEngine() = default;
  // Runs until a syscall, a fault, or until cpu.instret reaches `instret_limit`.
  virtual StopReason run(CpuState& cpu, uint64_t instret_limit, FaultInfo& fault) = 0;
  // Drops all decoded or translated code (fence.i semantics, riscv_flush_icache).
  virtual void flush_code() = 0;
  virtual EngineStats stats() const = 0;
  virtual std::string name() const = 0;
};

}  // namespace vm::engine
