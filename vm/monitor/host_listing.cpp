// Listing text for disassembled host code (see host_listing.h for the layout).
#include "vm/monitor/host_listing.h"

#include <algorithm>
#include <cstdio>

namespace vm::monitor {

namespace {

// "xx " per byte, without the last space.
std::size_t bytes_column_width(const HostInstruction& instruction) {
  return instruction.length == 0 ? 0 : instruction.length * 3u - 1;
}

}  // namespace

std::string format_listing_line(const HostInstruction& instruction, std::size_t bytes_width) {
  char address[32];
  std::snprintf(address, sizeof address,
                "%016llx: ", static_cast<unsigned long long>(instruction.address));
  std::string line = address;
  for (std::size_t i = 0; i < instruction.length; ++i) {
    char hex[4];
    std::snprintf(hex, sizeof hex, i == 0 ? "%02x" : " %02x", instruction.bytes[i]);
    line += hex;
  }
  line.append(bytes_width - std::min(bytes_width, bytes_column_width(instruction)), ' ');
  line += "  ";
  line += instruction.text;
  return line;
}

std::string format_listing(std::span<const HostInstruction> instructions) {
  std::size_t width = 0;
  for (const HostInstruction& h : instructions) width = std::max(width, bytes_column_width(h));
  std::string out;
  for (const HostInstruction& h : instructions) {
    out += format_listing_line(h, width);
    out += '\n';
  }
  return out;
}

}  // namespace vm::monitor
