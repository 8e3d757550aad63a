#include "objdump_runner.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace vm::isa::test {

std::string objdump_program() {
  const char* configured = std::getenv("VMBENCH_RISCV_OBJDUMP");
  return configured != nullptr && *configured != '\0' ? configured : "riscv64-linux-gnu-objdump";
}

std::string shell_quote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += '\'';
  return quoted;
}

std::optional<std::string> run_command(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string output;
  std::array<char, 1 << 16> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    output.append(buffer.data(), n);
  if (pclose(pipe) != 0) return std::nullopt;
  return output;
}

namespace {

bool parse_hex(std::string_view text, uint64_t& value) {
  if (text.empty() || text.size() > 16) return false;
  value = 0;
  for (const char c : text) {
    unsigned digit;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else {
      return false;
    }
    value = value << 4 | digit;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// objdump appends "# <address> <symbol>" to instructions whose effective address it worked
// out, and " <symbol+off>" to branch targets; neither is part of the instruction.
std::string strip_annotations(std::string_view text) {
  if (const auto comment = text.find(" #"); comment != std::string_view::npos) {
    text = text.substr(0, comment);
  }
  if (const auto symbol = text.find(" <"); symbol != std::string_view::npos) {
    text = text.substr(0, symbol);
  }
  return std::string(trim(text));
}

}  // namespace

// An instruction line looks like "   10438:\t7131                \tc.addi16sp\tsp,-192".
std::optional<ObjdumpLine> parse_objdump_line(std::string_view line) {
  const auto colon = line.find(":\t");
  if (colon == std::string_view::npos) return std::nullopt;
  ObjdumpLine parsed;
  if (!parse_hex(trim(line.substr(0, colon)), parsed.address)) return std::nullopt;
  const std::string_view rest = line.substr(colon + 2);
  const auto tab = rest.find('\t');
  if (tab == std::string_view::npos) return std::nullopt;  // continuation of long data
  const std::string_view raw = trim(rest.substr(0, tab));
  uint64_t bits = 0;
  // Several groups of hex digits: data bytes, not one instruction.
  if ((raw.size() != 4 && raw.size() != 8) || !parse_hex(raw, bits)) return std::nullopt;
  parsed.bits = static_cast<uint32_t>(bits);
  parsed.length = static_cast<unsigned>(raw.size() / 2);
  parsed.text = strip_annotations(rest.substr(tab + 1));
  return parsed;
}

bool is_unknown_to_objdump(const ObjdumpLine& line) {
  return line.text.empty() || line.text.front() == '.';
}

std::optional<std::vector<ObjdumpLine>> objdump(std::string_view options, const std::string& file) {
  const auto output = run_command(shell_quote(objdump_program()) + " " + std::string(options) +
                                  " " + shell_quote(file) + " 2>/dev/null");
  if (!output) return std::nullopt;
  std::vector<ObjdumpLine> lines;
  std::istringstream stream(*output);
  std::string line;
  while (std::getline(stream, line)) {
    if (auto parsed = parse_objdump_line(line)) lines.push_back(std::move(*parsed));
  }
  return lines;
}

}  // namespace vm::isa::test
