// The interpreter: threaded dispatch over pre-decoded blocks (see block_cache.h).
#pragma once

#include <memory>

#include "vm/engine/execution_engine.h"

namespace vm::mem {
class GuestMemory;
}

namespace vm::engine::interp {

class BlockCache;

class Interpreter final : public ExecutionEngine {
 public:
  explicit Interpreter(mem::GuestMemory& memory);
  ~Interpreter() override;

  StopReason run(CpuState& cpu, uint64_t instret_limit, FaultInfo& fault) override;
  void flush_code() override;
  EngineStats stats() const override;
  std::string name() const override { return "interp"; }

 private:
  // The dispatch loop, one instantiation per memory mode (flat: the permission-table check
  // inline; paged: the L1 TLB check inline). With cpu == nullptr it only fills the mode's
  // handler table (the label addresses live inside the function, as computed-goto dispatch
  // requires).
  template <bool kPaged>
  StopReason execute(CpuState* cpu, uint64_t instret_limit, FaultInfo* fault);

  mem::GuestMemory& memory_;
  std::unique_ptr<BlockCache> cache_;
};

}  // namespace vm::engine::interp
