// Text form of a decoded instruction, as GNU objdump prints it.
#pragma once

#include <cstdint>
#include <string>

#include "vm/isa/instruction.h"

namespace vm::isa {

// The instruction column of `riscv64-linux-gnu-objdump -d -M no-aliases` (binutils 2.40) for
// `insn` at address `pc`: mnemonic, a tab, operands; without objdump's trailing "# ..."
// comment and without the " <symbol+off>" after branch targets, which are absolute hex
// without 0x. Compressed instructions print by their c.* names. CSR names follow privileged
// spec 1.11 (see csr_names.inc).
// Encodings objdump does not know print as objdump prints them: ".2byte\t0x..." /
// ".4byte\t0x..." (also for the few that decode fine but that objdump's stricter patterns
// reject, e.g. fence with rd != 0); the all-zero halfword prints as "c.unimp".
// Known differences from objdump, all on encodings compilers do not emit: objdump prints a
// reserved rounding mode as ",unknown" and c.addi16sp with imm 0 as "c.addi16sp\tsp,0" where
// the decoder says ILLEGAL, and it knows privileged instructions (mret, wfi...) this VM does
// not decode.
std::string disassemble(const Instruction& insn, uint64_t pc);

}  // namespace vm::isa
