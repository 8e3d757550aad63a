// The listing's layout: address, bytes padded to the widest instruction, text.
#include "vm/monitor/host_listing.h"

#include <gtest/gtest.h>

#include <vector>

namespace vm::monitor {
namespace {

TEST(HostListing, ColumnsLineUp) {
  // mov rax, rbx; call rel32 +0; ret; a bad byte.
  const std::vector<uint8_t> code = {0x48, 0x89, 0xd8, 0xe8, 0x00, 0x00, 0x00, 0x00, 0xc3, 0x06};
  const std::vector<HostInstruction> listing = disassemble(code, 0x7f0000001000);
  EXPECT_EQ(format_listing(listing),
            "00007f0000001000: 48 89 d8        mov rax, rbx\n"
            "00007f0000001003: e8 00 00 00 00  call 0x7f0000001008\n"
            "00007f0000001008: c3              ret\n"
            "00007f0000001009: 06              (bad)\n");
}

TEST(HostListing, OneLine) {
  const std::vector<uint8_t> code = {0x48, 0x89, 0xd8};
  const HostInstruction h = disassemble(code, 0x1000).at(0);
  EXPECT_EQ(format_listing_line(h, 8), "0000000000001000: 48 89 d8  mov rax, rbx");
  // A narrower column than the bytes does not cut them.
  EXPECT_EQ(format_listing_line(h, 2), "0000000000001000: 48 89 d8  mov rax, rbx");
  EXPECT_EQ(format_listing_line(h, 11), "0000000000001000: 48 89 d8     mov rax, rbx");
}

TEST(HostListing, Empty) { EXPECT_EQ(format_listing({}), ""); }

}  // namespace
}  // namespace vm::monitor
