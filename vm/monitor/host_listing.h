// A disassembly listing as text: one line per host instruction, "address  hex bytes  text", the
// form the JIT performance monitor's report shows for its hot blocks.
#pragma once

#include <span>
#include <string>

#include "vm/monitor/host_disassembler.h"

namespace vm::monitor {

// One line, without a newline: the address as 16 hex digits, a colon, the bytes as two-digit
// hex separated by spaces and padded to `bytes_width` characters, two spaces, the text. E.g.
// "00007f0000001000: 48 89 d8  mov rax, rbx" (bytes_width 8).
std::string format_listing_line(const HostInstruction& instruction, std::size_t bytes_width);

// Every instruction's line, each ending in '\n', the byte columns as wide as the longest
// instruction's so the texts line up.
std::string format_listing(std::span<const HostInstruction> instructions);

}  // namespace vm::monitor
