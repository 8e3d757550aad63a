// The query functions of decoder.h: thin views of the instruction tables.
#include <cstddef>

#include "vm/isa/decoder.h"
#include "vm/isa/opcode_table.h"

namespace vm::isa {

std::string_view mnemonic(Opcode op) { return detail::info(op).mnemonic; }

std::string_view mnemonic(CompressedOpcode op) { return detail::info(op).mnemonic; }

Format format(Opcode op) { return detail::info(op).format; }

CompressedFormat format(CompressedOpcode op) { return detail::info(op).format; }

Opcode expands_to(CompressedOpcode op) { return detail::info(op).expands_to; }

RegisterFile register_file(Opcode op, Operand operand) {
  const auto index = static_cast<std::size_t>(operand);
  const std::string_view registers = detail::info(op).registers;
  if (index >= registers.size()) return RegisterFile::NONE;
  switch (registers[index]) {
    case 'x': return RegisterFile::X;
    case 'f': return RegisterFile::F;
    default: return RegisterFile::NONE;
  }
}

bool ends_block(Opcode op) {
  switch (op) {
    case Opcode::ILLEGAL:
    case Opcode::JAL:
    case Opcode::JALR:
    case Opcode::ECALL:
    case Opcode::EBREAK:
    case Opcode::FENCE_I: return true;
    default: return is_conditional_branch(op);
  }
}

bool is_conditional_branch(Opcode op) { return format(op) == Format::B; }

}  // namespace vm::isa
