// Architectural state of one RV64GC hart, shared by every engine.
#pragma once

#include <cstdint>

namespace vm::engine {

struct CpuState {
  // x[0] reads as zero; decoded instructions that write x0 write x[kSinkRegister] instead, so
  // no engine needs a branch or a fix-up to keep x0 zero.
  static constexpr unsigned kSinkRegister = 32;
  uint64_t x[33] = {};
  uint64_t f[32] = {};  // single-precision values are NaN-boxed (upper 32 bits all ones)
  uint64_t pc = 0;
  uint32_t fflags = 0;       // accrued exceptions: NV DZ OF UF NX (bits 4..0)
  uint32_t frm = 0;          // dynamic rounding mode
  uint64_t instret = 0;      // retired instructions, exact
  uint64_t reservation = 0;  // LR/SC reserved address
  bool reservation_valid = false;
  bool deterministic = false;  // cycle/time CSRs derive from instret instead of host clocks
};

// Why an engine returned control to the runtime.
enum class StopReason : uint8_t {
  Syscall,           // ecall at pc: the runtime handles it and resumes at pc + 4
  Fault,             // guest fault described by FaultInfo
  InstructionLimit,  // the budget of retired instructions is spent
};

enum class FaultKind : uint8_t {
  LoadAccess,
  StoreAccess,
  FetchAccess,
  IllegalInstruction,
  MisalignedAtomic,
  Breakpoint
};

struct FaultInfo {
  FaultKind kind = FaultKind::IllegalInstruction;
  uint64_t pc = 0;
  uint64_t address = 0;  // faulting data address (or pc for fetch faults)
  uint32_t bits = 0;     // raw instruction bits for illegal instructions
  uint8_t length = 4;    // instruction length in bytes for illegal instructions
};

}  // namespace vm::engine
