// Holds the decoder and disassembler against GNU objdump: every instruction objdump lists
// must decode to the same length and disassemble to the same text.
//
//  - GuestProgramsMatchObjdump: every RISC-V ELF in $VMBENCH_GUEST_PROGRAMS_DIR
//    (`objdump -d -M no-aliases`), i.e. the code compilers and libc really contain.
//  - EveryCompressedHalfwordMatchesObjdump, RandomWordsMatchObjdump: all 16-bit encodings,
//    and random words plus random encodings of every rv64.inc line, through objdump's raw
//    binary mode, which needs no assembler but knows only rv64gc (no Zb*), names CSRs by
//    another privileged spec and prints branch targets with a 0x prefix.
//  - TableEncodingsMatchObjdump: random encodings of every rv64.inc line put into an ELF
//    object by the cross assembler (.insn), which records the ISA (with Zb*) and the
//    privileged spec, so objdump reads them exactly as it reads a compiled program.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "objdump_runner.h"
#include "vm/isa/decoder.h"
#include "vm/isa/disassembler.h"
#include "vm/isa/opcode_table.h"

namespace vm::isa::test {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMismatchesShown = 20;

struct Comparison {
  std::size_t compared = 0;
  std::size_t unknown_to_objdump = 0;
  std::size_t mismatches = 0;
  std::string report;  // the first kMismatchesShown mismatches

  void mismatch(std::string_view where, const ObjdumpLine& line, std::string_view ours) {
    if (mismatches++ >= kMismatchesShown) return;
    char head[96];
    std::snprintf(head, sizeof head, " %llx: %0*x\n", static_cast<unsigned long long>(line.address),
                  static_cast<int>(line.length * 2), line.bits);
    report += std::string(where) + head + "    objdump: " + line.text +
              "\n    ours:    " + std::string(ours) + "\n";
  }
};

bool is_riscv_elf(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  unsigned char header[20] = {};
  if (!file.read(reinterpret_cast<char*>(header), sizeof header)) return false;
  constexpr unsigned kEmRiscv = 243;
  return header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F' &&
         header[5] == 1 /* little endian */ && (header[18] | header[19] << 8) == kEmRiscv;
}

bool objdump_available() {
  return run_command(shell_quote(objdump_program()) + " --version >/dev/null 2>&1").has_value();
}

// Compares one objdump line with our decode + disassembly; `ours_of` may adjust our text for
// the way objdump was run.
template <typename Adjust>
void compare(std::string_view where, const ObjdumpLine& line, Comparison& result, Adjust adjust) {
  if (is_unknown_to_objdump(line)) {
    ++result.unknown_to_objdump;
    return;
  }
  ++result.compared;
  const Instruction insn = decode(line.bits);
  std::string ours = insn.length == line.length ? disassemble(insn, line.address)
                                                : "<length " + std::to_string(insn.length) + ">";
  adjust(insn, ours);
  if (ours != line.text) result.mismatch(where, line, ours);
}

TEST(DecoderObjdump, GuestProgramsMatchObjdump) {
  const char* dir = std::getenv("VMBENCH_GUEST_PROGRAMS_DIR");
  if (dir == nullptr || *dir == '\0') GTEST_SKIP() << "VMBENCH_GUEST_PROGRAMS_DIR is not set";
  std::vector<fs::path> programs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && is_riscv_elf(entry.path())) programs.push_back(entry.path());
  }
  if (programs.empty()) GTEST_SKIP() << "no RISC-V ELF files in " << dir;
  std::sort(programs.begin(), programs.end());

  Comparison total;
  for (const fs::path& program : programs) {
    const auto lines = objdump("-d -M no-aliases", program.string());
    ASSERT_TRUE(lines.has_value()) << objdump_program() << " failed on " << program;
    Comparison one;
    for (const ObjdumpLine& line : *lines) {
      compare(program.filename().string(), line, one, [](const Instruction&, std::string&) {});
    }
    std::cout << program.filename().string() << ": " << one.compared << " instructions compared, "
              << one.mismatches << " mismatches, " << one.unknown_to_objdump
              << " shown by objdump as data (skipped)\n";
    total.compared += one.compared;
    total.unknown_to_objdump += one.unknown_to_objdump;
    total.mismatches += one.mismatches;
    if (total.report.size() < 4096) total.report += one.report;
  }
  std::cout << "total: " << total.compared << " instructions compared in " << programs.size()
            << " programs, " << total.mismatches << " mismatches\n";
  RecordProperty("instructions_compared", static_cast<int>(total.compared));
  EXPECT_GT(total.compared, 0u);
  EXPECT_EQ(total.mismatches, 0u) << "first mismatches:\n" << total.report;
}

// Writes `bytes` to a file and lists it with objdump's raw binary mode.
std::optional<std::vector<ObjdumpLine>> objdump_raw(const std::vector<uint8_t>& bytes,
                                                    const std::string& name) {
  const fs::path file = fs::path(testing::TempDir()) / name;
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  auto lines = objdump("-D -b binary -m riscv:rv64 -M no-aliases", file.string());
  std::error_code ignored;
  fs::remove(file, ignored);
  return lines;
}

// Raw binary mode has no symbols, so objdump prints branch targets as 0x... .
void prefix_branch_target(const Instruction& insn, std::string& ours) {
  const bool has_target = insn.compressed != CompressedOpcode::NONE
                              ? format(insn.compressed) == CompressedFormat::CJ ||
                                    format(insn.compressed) == CompressedFormat::CB_BRANCH
                              : format(insn.op) == Format::B || format(insn.op) == Format::J;
  if (!has_target) return;
  const auto last = ours.find_last_of(",\t");
  if (last != std::string::npos) ours.insert(last + 1, "0x");
}

// Raw binary mode carries no privileged-spec attribute, so objdump names CSRs by spec 1.12
// there, where we (like objdump on GCC's output) use 1.11: compare CSR operands by number.
// The names themselves are checked on the guest programs and in decoder_test.
void csr_by_number(const Instruction& insn, std::string& text) {
  if (format(insn.op) != Format::CSR && format(insn.op) != Format::CSRI) return;
  const auto first = text.find(',');
  const auto second = text.find(',', first + 1);
  if (first == std::string::npos || second == std::string::npos) return;
  // (Rebuilt rather than std::string::replace'd: GCC 12 -O3 warns falsely about that.)
  text = text.substr(0, first + 1) + "#" + std::to_string(insn.imm) + text.substr(second);
}

TEST(DecoderObjdump, EveryCompressedHalfwordMatchesObjdump) {
  if (!objdump_available()) GTEST_SKIP() << objdump_program() << " cannot be run";
  std::vector<uint8_t> bytes;
  for (uint32_t h = 0; h < 0x10000; ++h) {
    if ((h & 3) == 3) continue;
    bytes.push_back(static_cast<uint8_t>(h));
    bytes.push_back(static_cast<uint8_t>(h >> 8));
  }
  const auto lines = objdump_raw(bytes, "vmbench_rvc_halfwords.bin");
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), bytes.size() / 2);

  Comparison result;
  for (ObjdumpLine line : *lines) {
    // The one deliberate difference: c.addi16sp with imm 0 is reserved, objdump prints it.
    if (line.bits == 0x6101) {
      EXPECT_EQ(line.text, "c.addi16sp\tsp,0");
      EXPECT_EQ(decode(line.bits).op, Opcode::ILLEGAL);
      continue;
    }
    // objdump's .2byte and our ILLEGAL must coincide, so compare those too.
    if (is_unknown_to_objdump(line))
      line.text = ".2byte\t" + line.text.substr(line.text.find('\t') + 1);
    ++result.compared;
    Instruction insn = decode(line.bits);
    std::string ours = disassemble(insn, line.address);
    prefix_branch_target(insn, ours);
    if (ours != line.text) result.mismatch("halfword", line, ours);
  }
  std::cout << result.compared << " halfwords compared\n";
  EXPECT_EQ(result.mismatches, 0u) << "first mismatches:\n" << result.report;
}

// Random words, and random operands for every rv64.inc line. Where objdump (rv64gc) knows the
// word, the text must match; where it does not, we must say ILLEGAL too unless the line is a
// Zb* one (unknown to raw binary mode) or one of the encodings objdump reads differently on
// purpose (documented in disassembler.h).
TEST(DecoderObjdump, RandomWordsMatchObjdump) {
  if (!objdump_available()) GTEST_SKIP() << objdump_program() << " cannot be run";
  std::mt19937 random(20240601);
  std::vector<uint32_t> words;
  for (const detail::OpcodeInfo& info : detail::kOpcodes) {
    if (info.pattern.mask == 0) continue;  // ILLEGAL
    for (int i = 0; i < 64; ++i) {
      words.push_back((static_cast<uint32_t>(random()) & ~info.pattern.mask) | info.pattern.match);
    }
  }
  for (int i = 0; i < 200000; ++i) {
    uint32_t word = static_cast<uint32_t>(random()) | 3;
    // Low bits 11111 announce a 48-bit or longer encoding, which objdump would read on into
    // the next word; keep to 32-bit ones.
    if ((word & 0x1f) == 0x1f) word &= ~uint32_t{4};
    words.push_back(word);
  }
  std::vector<uint8_t> bytes;
  for (uint32_t w : words) {
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<uint8_t>(w >> (8 * b)));
  }
  const auto lines = objdump_raw(bytes, "vmbench_rv64_words.bin");
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), words.size());

  Comparison result;
  std::size_t zb_unknown = 0, privileged = 0, reserved_rm = 0;
  for (ObjdumpLine line : *lines) {
    const Instruction insn = decode(line.bits);
    if (is_unknown_to_objdump(line) && insn.op >= Opcode::SH1ADD) {
      ++zb_unknown;
      continue;
    }
    if (insn.op == Opcode::ILLEGAL && !is_unknown_to_objdump(line)) {
      if (line.text.ends_with(",unknown")) {
        ++reserved_rm;
        continue;
      }
      const std::string_view m = std::string_view(line.text).substr(0, line.text.find('\t'));
      if (m.ends_with("ret") || m == "wfi" || m.starts_with("sfence.") ||
          m.starts_with("sinval.") || m.starts_with("hfence.") || m.starts_with("hinval.")) {
        ++privileged;
        continue;
      }
    }
    if (is_unknown_to_objdump(line))
      line.text = ".4byte\t" + line.text.substr(line.text.find('\t') + 1);
    ++result.compared;
    std::string ours = disassemble(insn, line.address);
    prefix_branch_target(insn, ours);
    csr_by_number(insn, ours);
    csr_by_number(insn, line.text);
    if (ours != line.text) result.mismatch("word", line, ours);
  }
  std::cout << result.compared << " words compared; skipped: " << zb_unknown
            << " Zb* (unknown to raw mode), " << reserved_rm << " reserved rounding modes, "
            << privileged << " privileged instructions\n";
  EXPECT_EQ(result.mismatches, 0u) << "first mismatches:\n" << result.report;
}

// $VMBENCH_RISCV_AS, else the assembler beside objdump (binutils ships them together).
std::string assembler_program() {
  if (const char* configured = std::getenv("VMBENCH_RISCV_AS"); configured && *configured) {
    return configured;
  }
  std::string program = objdump_program();
  constexpr std::string_view kObjdump = "objdump";
  if (!program.ends_with(kObjdump)) return "";
  return program.replace(program.size() - kObjdump.size(), kObjdump.size(), "as");
}

TEST(DecoderObjdump, TableEncodingsMatchObjdump) {
  if (!objdump_available()) GTEST_SKIP() << objdump_program() << " cannot be run";
  const std::string as = assembler_program();
  if (as.empty() || !run_command(shell_quote(as) + " --version >/dev/null 2>&1")) {
    GTEST_SKIP() << "no RISC-V assembler beside " << objdump_program();
  }
  std::mt19937 random(7);
  // GCC 12 marks its objects as following privileged spec 1.11; objdump names CSRs by it.
  std::string source = ".attribute priv_spec, 1\n.attribute priv_spec_minor, 11\n";
  std::size_t words = 0;
  auto add = [&](uint32_t word) {
    char line[32];
    std::snprintf(line, sizeof line, ".insn 0x%08x\n", word);
    source += line;
    ++words;
  };
  for (const detail::OpcodeInfo& info : detail::kOpcodes) {
    if (info.pattern.mask == 0) continue;  // ILLEGAL
    for (int i = 0; i < 256; ++i) {
      add((static_cast<uint32_t>(random()) & ~info.pattern.mask) | info.pattern.match);
    }
  }
  const fs::path dir = testing::TempDir();
  const fs::path source_file = dir / "vmbench_rv64_table.s";
  const fs::path object_file = dir / "vmbench_rv64_table.o";
  std::ofstream(source_file) << source;
  ASSERT_TRUE(run_command(shell_quote(as) + " -march=rv64gc_zba_zbb_zbs -o " +
                          shell_quote(object_file.string()) + " " +
                          shell_quote(source_file.string())))
      << as << " failed";
  const auto lines = objdump("-d -M no-aliases", object_file.string());
  std::error_code ignored;
  fs::remove(source_file, ignored);
  fs::remove(object_file, ignored);
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), words);

  Comparison result;
  std::size_t reserved_rm = 0;
  for (const ObjdumpLine& line : *lines) {
    const Instruction insn = decode(line.bits);
    if (insn.op == Opcode::ILLEGAL && line.text.ends_with(",unknown")) {
      ++reserved_rm;
      continue;
    }
    ++result.compared;
    const std::string ours = disassemble(insn, line.address);
    if (ours != line.text) result.mismatch("table", line, ours);
  }
  std::cout << result.compared << " encodings compared, " << reserved_rm
            << " with a reserved rounding mode skipped\n";
  EXPECT_EQ(result.mismatches, 0u) << "first mismatches:\n" << result.report;
}

}  // namespace
}  // namespace vm::isa::test
