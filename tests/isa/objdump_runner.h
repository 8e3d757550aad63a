// Test helper: runs GNU objdump and reads its disassembly listing back as
// (address, raw bits, text) records, so the tests can hold our decoder and disassembler
// against it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vm::isa::test {

// objdump's listing of one instruction (or of a datum objdump shows as .2byte/.word...).
struct ObjdumpLine {
  uint64_t address = 0;
  uint32_t bits = 0;
  unsigned length = 0;  // bytes, from the width of objdump's raw hex column
  std::string text;     // mnemonic, tab, operands; objdump's "# ..." and "<symbol>" removed
};

// $VMBENCH_RISCV_OBJDUMP, or riscv64-linux-gnu-objdump from PATH.
std::string objdump_program();

// Runs `command` through the shell; returns its standard output, or nothing when it could not
// be run or exited non-zero.
std::optional<std::string> run_command(const std::string& command);

// `objdump <options> <file>`, parsed. Nothing when objdump failed.
std::optional<std::vector<ObjdumpLine>> objdump(std::string_view options, const std::string& file);

// One line of objdump -d output: nothing for headers, labels, blank lines and the
// continuation lines of long data.
std::optional<ObjdumpLine> parse_objdump_line(std::string_view line);

// Whether objdump shows the word as data rather than as an instruction it knows
// (".2byte", ".4byte", ".word", ".short", ".byte", ".insn").
bool is_unknown_to_objdump(const ObjdumpLine& line);

std::string shell_quote(std::string_view text);

}  // namespace vm::isa::test
