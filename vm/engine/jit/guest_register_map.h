// Which guest integer registers live in host registers while translated code runs. The mapping
// is static (the same for every block), so blocks can jump to each other without moving
// registers: the hottest registers of compiled RISC-V code (sp, ra, a0, a1) sit in host
// callee-saved registers, which also survive calls to C++ helpers; every other guest register
// stays in CpuState, addressed from the context register. x0 is never stored.
#pragma once

#include <asmjit/x86.h>

#include <array>
#include <optional>

namespace vm::engine::jit {

class GuestRegisterMap {
 public:
  GuestRegisterMap();

  // The host register pinned to guest register `guest` (1..31), if any.
  std::optional<asmjit::x86::Gp> pinned(unsigned guest) const;
  // Guest registers that are pinned, in a fixed order (for loading and storing them all).
  const std::array<unsigned, 4>& pinned_guests() const { return pinned_guests_; }

  // Holds the CpuState* for the whole of translated code.
  static asmjit::x86::Gp context() { return asmjit::x86::r15; }
  // Callee-saved host registers translated code uses (saved by the block prologue).
  static constexpr std::array<asmjit::x86::Gp::Id, 6> kCalleeSaved = {
      asmjit::x86::Gp::kIdBx,  asmjit::x86::Gp::kIdBp,  asmjit::x86::Gp::kIdR12,
      asmjit::x86::Gp::kIdR13, asmjit::x86::Gp::kIdR14, asmjit::x86::Gp::kIdR15};

 private:
  std::array<unsigned, 4> pinned_guests_;
  std::array<std::optional<asmjit::x86::Gp>, 32> host_of_;
};

}  // namespace vm::engine::jit
