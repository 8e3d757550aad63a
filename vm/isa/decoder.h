// Decoding RV64GC (+ Zba/Zbb/Zbs) instructions, and what the instruction tables know about
// each opcode. The tables are rv64.inc (32-bit) and rv64c.inc (16-bit).
#pragma once

#include <cstdint>
#include <string_view>

#include "vm/isa/compressed_format.h"
#include "vm/isa/instruction.h"

namespace vm::isa {

// Length in bytes of the instruction whose lowest halfword is `low_half`: 2 when its low two
// bits are not 0b11, else 4 (longer encodings are not supported and decode as ILLEGAL with
// length 4). Lets a fetcher read only the bytes the instruction has.
constexpr unsigned instruction_length(uint16_t low_half) { return (low_half & 3) == 3 ? 4 : 2; }

// Decodes the instruction in `bits` (for a compressed one only the low 16 bits are used).
// Never fails: an encoding that is reserved, unknown, or a floating-point instruction with a
// static rounding mode of 5 or 6 gives op == Opcode::ILLEGAL (with `raw` and `length` set).
// Operand conventions beyond instruction.h:
//  - compressed instructions come out as the instruction they expand to, with implied
//    registers filled in (c.addi16sp: rd = rs1 = sp; c.jalr: rd = ra; c.mv: rs1 = x0);
//  - FENCE: imm = fm << 8 | pred << 4 | succ (the whole 12-bit field); rd/rs1 stay 0;
//  - CSR/CSRI: imm = CSR number (unsigned); CSRI's uimm is in rs1;
//  - fields a format has no use for are 0.
Instruction decode(uint32_t bits);

// What the tables say about an opcode. Out-of-range values are treated as ILLEGAL / NONE.
std::string_view mnemonic(Opcode op);            // "addi", "fcvt.d.w"; "illegal" for ILLEGAL
std::string_view mnemonic(CompressedOpcode op);  // "c.addi"; "" for NONE
Format format(Opcode op);
CompressedFormat format(CompressedOpcode op);
Opcode expands_to(CompressedOpcode op);

enum class RegisterFile : uint8_t { NONE, X, F };
enum class Operand : uint8_t { RD, RS1, RS2, RS3 };
// Which register file an operand of `op` names (the `registers` column of rv64.inc); NONE
// when the instruction has no such register operand.
RegisterFile register_file(Opcode op, Operand operand);

// True for instructions after which straight-line execution cannot continue without the
// interpreter looking: branches, jal, jalr, ecall, ebreak, fence.i and ILLEGAL.
bool ends_block(Opcode op);
// beq, bne, blt, bge, bltu, bgeu.
bool is_conditional_branch(Opcode op);

}  // namespace vm::isa
