// Decoding the x86-64 code a JIT emitted: how many host instructions a block became and of
// which kinds (summarize), and its text in Intel syntax (disassemble). The JIT performance
// monitor reports host instructions per guest instruction and the hot blocks' host code from
// these. Zydis does the decoding; none of its types appear here.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vm::monitor {

// What an instruction does that matters for the quality of JIT code. Every decoded instruction
// has exactly one category; the first that applies wins, in this order:
//   Call              call (direct or indirect)
//   ConditionalBranch jcc, jrcxz, loop*
//   Jump              jmp to a direct target (rel8/rel32)
//   IndirectBranch    jmp through a register or memory, ret
//   Store             an explicit memory operand is written (read-modify-write included)
//   Load              an explicit memory operand is read (not written)
//   Other             everything else (lea, which only computes an address, among them)
// "Explicit" means visible in the text: the stack accesses of push/pop are not counted as
// memory operands, as they are not where a JIT's guest-state traffic shows.
enum class HostCategory : uint8_t {
  Call,
  ConditionalBranch,
  Jump,
  IndirectBranch,
  Store,
  Load,
  Other,
};
inline constexpr std::size_t kHostCategoryCount = 7;

// "call", "conditional_branch", "jump", "indirect_branch", "store", "load", "other": the keys
// of the report's histogram.
std::string_view category_name(HostCategory category);

struct HostCodeSummary {
  uint64_t instructions = 0;       // decoded instructions
  uint64_t bytes_decoded = 0;      // bytes covered by them
  uint64_t undecodable_bytes = 0;  // bytes skipped one at a time where decoding failed
  std::array<uint64_t, kHostCategoryCount> by_category{};  // sums to `instructions`

  uint64_t count(HostCategory category) const {
    return by_category[static_cast<std::size_t>(category)];
  }
};

// One decoded instruction (or one undecodable byte, with decoded == false and text "(bad)").
struct HostInstruction {
  uint64_t address = 0;  // runtime address of its first byte
  uint8_t length = 0;    // 1..15
  std::array<uint8_t, 15> bytes{};
  std::string text;  // Intel syntax, e.g. "mov rax, qword ptr [rip+0x10]"; branch targets absolute
  HostCategory category = HostCategory::Other;
  bool decoded = true;

  std::span<const uint8_t> encoding() const { return {bytes.data(), length}; }
};

// Decodes `code` as 64-bit code from its start to its end. Where decoding fails, one byte is
// counted as undecodable and decoding resumes at the next byte.
HostCodeSummary summarize(std::span<const uint8_t> code);

// The same walk, with each instruction's text. `runtime_address` is where code[0] lives (or will
// live): relative branches and RIP-relative operands print as absolute addresses from it.
std::vector<HostInstruction> disassemble(std::span<const uint8_t> code, uint64_t runtime_address);

}  // namespace vm::monitor
