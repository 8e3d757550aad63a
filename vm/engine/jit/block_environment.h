// What translated code needs besides CpuState, passed to every block function: the guest
// memory (for the slow path of loads and stores), its host base (for the inline check), and
// where a faulting access is described.
#pragma once

#include <cstdint>

#include "vm/engine/cpu_state.h"

namespace vm::mem {
class GuestMemory;
}

namespace vm::engine::jit {

struct BlockEnvironment {
  mem::GuestMemory* memory = nullptr;
  uint8_t* host_base = nullptr;  // memory->host_base()
  FaultInfo fault;               // set when a block returns BlockStatus::Fault
};

// What a block function returns. Every exit leaves CpuState::pc at the next guest pc (the
// faulting instruction's on a fault) and CpuState::instret counting what retired.
enum class BlockStatus : uint64_t {
  Continue = 0,  // at a block end, a side exit, or after a store that changed decoded code
  Fault = 1,     // BlockEnvironment::fault says what
};

using BlockFunction = BlockStatus (*)(CpuState*, BlockEnvironment*);

}  // namespace vm::engine::jit
