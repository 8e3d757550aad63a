// summarize() and disassemble() on byte sequences whose meaning was worked out by hand from the
// Intel SDM's opcode tables: text, lengths, absolute branch targets, categories, bad bytes.
#include "vm/monitor/host_disassembler.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace vm::monitor {
namespace {

constexpr uint64_t kBase = 0x401000;

struct Case {
  std::vector<uint8_t> bytes;
  const char* text;
  HostCategory category;
};

// One instruction each, decoded at kBase.
const Case kCases[] = {
    // 89 /r (mov r/m64, r64), ModRM d8: mod 11, reg rbx, r/m rax.
    {{0x48, 0x89, 0xd8}, "mov rax, rbx", HostCategory::Other},
    {{0xc3}, "ret", HostCategory::IndirectBranch},
    // e8 rel32 0x100: next instruction 0x401005 + 0x100.
    {{0xe8, 0x00, 0x01, 0x00, 0x00}, "call 0x401105", HostCategory::Call},
    // ff /2 with r/m rax.
    {{0xff, 0xd0}, "call rax", HostCategory::Call},
    // 8b /r, ModRM 05: RIP-relative disp32 0x10 from the next instruction, 0x401007.
    {{0x48, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00},
     "mov rax, qword ptr [0x401017]",
     HostCategory::Load},
    // 75 rel8 -2: jnz to itself.
    {{0x75, 0xfe}, "jnz 0x401000", HostCategory::ConditionalBranch},
    // 0f 84 rel32 0x20: jz to 0x401006 + 0x20.
    {{0x0f, 0x84, 0x20, 0x00, 0x00, 0x00}, "jz 0x401026", HostCategory::ConditionalBranch},
    // e3 rel8: jrcxz, a conditional branch without flags.
    {{0xe3, 0x00}, "jrcxz 0x401002", HostCategory::ConditionalBranch},
    // e2 rel8 -2: loop (dec rcx, branch if not zero) to itself.
    {{0xe2, 0xfe}, "loop 0x401000", HostCategory::ConditionalBranch},
    // eb rel8 0x10: 0x401002 + 0x10.
    {{0xeb, 0x10}, "jmp 0x401012", HostCategory::Jump},
    // ff /4 with r/m rax; ff /4 with RIP-relative memory: both indirect.
    {{0xff, 0xe0}, "jmp rax", HostCategory::IndirectBranch},
    {{0xff, 0x25, 0x00, 0x00, 0x00, 0x00},
     "jmp qword ptr [0x401006]",
     HostCategory::IndirectBranch},
    // 89 /r, ModRM 07: [rdi] written.
    {{0x48, 0x89, 0x07}, "mov qword ptr [rdi], rax", HostCategory::Store},
    // 01 /r, ModRM 47 disp8 8: [rdi+8] read and written (read-modify-write counts as a store).
    {{0x48, 0x01, 0x47, 0x08}, "add qword ptr [rdi+0x08], rax", HostCategory::Store},
    // 03 /r: [rdi+8] only read.
    {{0x48, 0x03, 0x47, 0x08}, "add rax, qword ptr [rdi+0x08]", HostCategory::Load},
    // 8d /r: lea computes the address, no access.
    {{0x48, 0x8d, 0x47, 0x08}, "lea rax, [rdi+0x08]", HostCategory::Other},
    // 53: push rbx; its stack store is implicit, so not counted as a memory operand.
    {{0x53}, "push rbx", HostCategory::Other},
};

TEST(HostDisassembler, KnownInstructions) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    const std::vector<HostInstruction> listing = disassemble(c.bytes, kBase);
    ASSERT_EQ(listing.size(), 1u);
    const HostInstruction& h = listing[0];
    EXPECT_EQ(h.text, c.text);
    EXPECT_EQ(h.address, kBase);
    EXPECT_EQ(h.length, c.bytes.size());
    EXPECT_EQ(std::vector<uint8_t>(h.encoding().begin(), h.encoding().end()), c.bytes);
    EXPECT_EQ(h.category, c.category);
    EXPECT_TRUE(h.decoded);

    const HostCodeSummary s = summarize(c.bytes);
    EXPECT_EQ(s.instructions, 1u);
    EXPECT_EQ(s.bytes_decoded, c.bytes.size());
    EXPECT_EQ(s.undecodable_bytes, 0u);
    EXPECT_EQ(s.count(c.category), 1u);
  }
}

// All cases back to back: addresses advance by each length, the histogram adds up.
TEST(HostDisassembler, SequenceAddressesAndHistogram) {
  std::vector<uint8_t> code;
  std::array<uint64_t, kHostCategoryCount> expected{};
  for (const Case& c : kCases) {
    code.insert(code.end(), c.bytes.begin(), c.bytes.end());
    ++expected[static_cast<std::size_t>(c.category)];
  }
  const std::vector<HostInstruction> listing = disassemble(code, kBase);
  ASSERT_EQ(listing.size(), std::size(kCases));
  uint64_t address = kBase;
  for (std::size_t i = 0; i < listing.size(); ++i) {
    EXPECT_EQ(listing[i].address, address) << i;
    address += listing[i].length;
  }
  EXPECT_EQ(address, kBase + code.size());

  const HostCodeSummary s = summarize(code);
  EXPECT_EQ(s.instructions, std::size(kCases));
  EXPECT_EQ(s.bytes_decoded, code.size());
  EXPECT_EQ(s.undecodable_bytes, 0u);
  EXPECT_EQ(s.by_category, expected);
  EXPECT_EQ(s.count(HostCategory::Store), 2u);
  EXPECT_EQ(s.count(HostCategory::Load), 2u);
  EXPECT_EQ(s.count(HostCategory::ConditionalBranch), 4u);
  EXPECT_EQ(s.count(HostCategory::IndirectBranch), 3u);
}

// 06 (push es) does not exist in 64-bit mode; a lone REX prefix at the end is cut short. Each is
// one undecodable byte, and decoding goes on after it.
TEST(HostDisassembler, UndecodableBytesAreSkippedOneAtATime) {
  const std::vector<uint8_t> code = {0x06, 0x48, 0x89, 0xd8, 0x06, 0x06, 0xc3, 0x48};
  const HostCodeSummary s = summarize(code);
  EXPECT_EQ(s.instructions, 2u);
  EXPECT_EQ(s.bytes_decoded, 4u);
  EXPECT_EQ(s.undecodable_bytes, 4u);
  EXPECT_EQ(s.count(HostCategory::Other), 1u);
  EXPECT_EQ(s.count(HostCategory::IndirectBranch), 1u);

  const std::vector<HostInstruction> listing = disassemble(code, kBase);
  ASSERT_EQ(listing.size(), 6u);
  const char* texts[] = {"(bad)", "mov rax, rbx", "(bad)", "(bad)", "ret", "(bad)"};
  const uint64_t offsets[] = {0, 1, 4, 5, 6, 7};
  for (std::size_t i = 0; i < listing.size(); ++i) {
    EXPECT_EQ(listing[i].text, texts[i]) << i;
    EXPECT_EQ(listing[i].address, kBase + offsets[i]) << i;
    EXPECT_EQ(listing[i].decoded, listing[i].text != std::string("(bad)")) << i;
  }
  EXPECT_EQ(listing[5].length, 1u);
  EXPECT_EQ(listing[5].bytes[0], 0x48);
}

TEST(HostDisassembler, EmptyCode) {
  const HostCodeSummary s = summarize({});
  EXPECT_EQ(s.instructions, 0u);
  EXPECT_EQ(s.bytes_decoded, 0u);
  EXPECT_EQ(s.undecodable_bytes, 0u);
  EXPECT_TRUE(disassemble({}, kBase).empty());
}

// The report's histogram keys, one per category in enum order.
TEST(HostDisassembler, CategoryNames) {
  const char* names[kHostCategoryCount] = {
      "call", "conditional_branch", "jump", "indirect_branch", "store", "load", "other"};
  for (std::size_t i = 0; i < kHostCategoryCount; ++i) {
    EXPECT_EQ(category_name(static_cast<HostCategory>(i)), names[i]) << i;
  }
  EXPECT_EQ(category_name(HostCategory::Other), "other");
}

}  // namespace
}  // namespace vm::monitor
