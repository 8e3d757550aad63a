// What an emitter needs to translate one guest instruction: the assembler, the register map,
// and the instruction's guest pc. Guest register reads and writes go through read()/write(),
// which hide whether a register is pinned to a host register or lives in CpuState.
#pragma once

#include <asmjit/x86.h>

#include <cstddef>
#include <cstdint>

#include "vm/engine/cpu_state.h"
#include "vm/engine/jit/guest_register_map.h"
#include "vm/isa/instruction.h"

namespace vm::engine::jit {

class EmitContext {
 public:
  EmitContext(asmjit::x86::Assembler& assembler, const GuestRegisterMap& map)
      : a(assembler), map_(map) {}

  // A host register holding guest register `guest`: its pinned register, or `scratch` loaded
  // from CpuState (zeroed for x0). Callers must not write the returned register unless it is
  // `scratch`.
  asmjit::x86::Gp read(unsigned guest, const asmjit::x86::Gp& scratch) {
    if (guest == 0) {
      a.xor_(scratch.r32(), scratch.r32());
      return scratch;
    }
    if (const auto host = map_.pinned(guest)) return *host;
    a.mov(scratch, slot(guest));
    return scratch;
  }
  // Stores `value` (a 64-bit host register) into guest register `guest`; x0 writes vanish.
  void write(unsigned guest, const asmjit::x86::Gp& value) {
    if (guest == 0) return;
    if (const auto host = map_.pinned(guest)) {
      if (host->id() != value.id()) a.mov(*host, value);
      return;
    }
    a.mov(slot(guest), value);
  }
  // rax = guest rs1 and, when `with_rs2`, rcx = guest rs2: copies the emitter may change.
  void operands_to_rax_rcx(const isa::Instruction& insn, bool with_rs2) {
    const asmjit::x86::Gp first = read(insn.rs1, asmjit::x86::rax);
    if (first.id() != asmjit::x86::Gp::kIdAx) a.mov(asmjit::x86::rax, first);
    if (!with_rs2) return;
    const asmjit::x86::Gp second = read(insn.rs2, asmjit::x86::rcx);
    if (second.id() != asmjit::x86::Gp::kIdCx) a.mov(asmjit::x86::rcx, second);
  }
  // CpuState::x[guest] in memory.
  static asmjit::x86::Mem slot(unsigned guest) {
    return asmjit::x86::qword_ptr(GuestRegisterMap::context(),
                                  static_cast<int32_t>(offsetof(CpuState, x) + 8 * guest));
  }

  asmjit::x86::Assembler& a;
  uint64_t pc = 0;  // of the instruction being emitted

 private:
  const GuestRegisterMap& map_;
};

}  // namespace vm::engine::jit
