// GuestMemory in paged mode, as the runtime drives it: mappings become page-table leaves on
// first touch (demand paging), mprotect/munmap/mremap keep the table and the TLBs in step with
// the process's view, PROT_NONE keeps contents, freed frames are reused, and the runtime's
// copies reach every page of a range. Engine accesses (load/store) go through the TLBs, so a
// stale TLB entry after a mapping change shows up as a wrong access here.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "vm/mem/guest_memory.h"
#include "vm/mem/paged_backing.h"

namespace vm::mem {
namespace {

constexpr uint64_t kSpace = 64 << 20;
constexpr uint64_t kBase = 0x100000;

PagedConfig small_ram() {
  PagedConfig config;
  config.ram_bytes = 16 << 20;
  return config;
}

class PagedGuestMemoryTest : public ::testing::Test {
 protected:
  PagedBacking& paging() { return *memory.paging(); }
  uint64_t frames_in_use() { return paging().frames().frames_in_use(); }

  GuestMemory memory{kSpace, {}, small_ram()};
};

TEST_F(PagedGuestMemoryTest, PagesAreAllocatedOnFirstTouchOnly) {
  const uint64_t tables = frames_in_use();  // the root table
  memory.map(kBase, 16 * kPageSize, perm::kRead | perm::kWrite);
  EXPECT_EQ(frames_in_use(), tables) << "mapping allocates nothing";
  uint64_t v = 0;
  ASSERT_TRUE(memory.load(kBase + 5 * kPageSize, v));
  EXPECT_EQ(v, 0u) << "a fresh page reads zero";
  EXPECT_EQ(paging().page_faults(), 1u);
  ASSERT_TRUE(memory.store<uint64_t>(kBase + 5 * kPageSize + 8, 77));
  ASSERT_TRUE(memory.store<uint64_t>(kBase + 9 * kPageSize, 78));
  EXPECT_EQ(paging().page_faults(), 2u);
  EXPECT_GT(frames_in_use(), tables + 1);  // two data pages and the tables above them
}

TEST_F(PagedGuestMemoryTest, ProtectChangesWhatTheTlbAllowsAndKeepsContents) {
  memory.map(kBase, kPageSize, perm::kRead | perm::kWrite);
  ASSERT_TRUE(memory.store<uint32_t>(kBase, 0xfeed));  // the store tag is in the L1 DTLB now
  memory.protect(kBase, kPageSize, perm::kRead);
  EXPECT_FALSE(memory.store<uint32_t>(kBase, 1)) << "a stale TLB entry let a store through";
  uint32_t v = 0;
  ASSERT_TRUE(memory.load(kBase, v));
  EXPECT_EQ(v, 0xfeedu);

  memory.protect(kBase, kPageSize, 0);  // PROT_NONE: no access, contents kept
  EXPECT_FALSE(memory.load(kBase, v));
  memory.protect(kBase, kPageSize, perm::kRead | perm::kWrite);
  ASSERT_TRUE(memory.load(kBase, v));
  EXPECT_EQ(v, 0xfeedu);
  EXPECT_TRUE(memory.store<uint32_t>(kBase, 2));
}

TEST_F(PagedGuestMemoryTest, UnmapFreesTheFrameAndAFreshMappingReadsZero) {
  memory.map(kBase, 4 * kPageSize, perm::kRead | perm::kWrite);
  for (uint64_t p = 0; p < 4; ++p) ASSERT_TRUE(memory.store<uint64_t>(kBase + p * kPageSize, 9));
  const uint64_t in_use = frames_in_use();
  memory.unmap(kBase, 4 * kPageSize);
  EXPECT_EQ(frames_in_use(), 1u)
      << "the pages and the tables they emptied are free; the root stays";
  uint64_t v = 1;
  EXPECT_FALSE(memory.load(kBase, v)) << "a stale TLB entry let a load through";

  memory.map(kBase, 4 * kPageSize, perm::kRead | perm::kWrite);
  ASSERT_TRUE(memory.load(kBase + kPageSize, v));
  EXPECT_EQ(v, 0u);
  EXPECT_EQ(paging().frames().peak_frames_in_use(), in_use) << "freed frames are reused";
}

TEST_F(PagedGuestMemoryTest, MovePagesCarriesContentsAndLeavesTheSourceUnmapped) {
  memory.map(kBase, 2 * kPageSize, perm::kRead | perm::kWrite);
  ASSERT_TRUE(memory.store<uint64_t>(kBase + 16, 0x1111));
  ASSERT_TRUE(memory.store<uint64_t>(kBase + kPageSize + 16, 0x2222));
  const uint64_t to = kBase + 64 * kPageSize;
  memory.move_pages(kBase, to, 2 * kPageSize);
  uint64_t v = 0;
  EXPECT_FALSE(memory.load(kBase + 16, v));
  ASSERT_TRUE(memory.load(to + 16, v));
  EXPECT_EQ(v, 0x1111u);
  ASSERT_TRUE(memory.load(to + kPageSize + 16, v));
  EXPECT_EQ(v, 0x2222u);
}

TEST_F(PagedGuestMemoryTest, RuntimeCopiesSpanPagesThatAreNotContiguousInTheHost) {
  memory.map(kBase, 8 * kPageSize, perm::kRead | perm::kWrite);
  // Touch pages out of order, so their frames are not in address order.
  for (uint64_t p : {5, 1, 7, 0, 3, 6, 2, 4}) {
    ASSERT_TRUE(memory.store<uint8_t>(kBase + p * kPageSize, 0));
  }
  std::vector<uint8_t> data(6 * kPageSize + 123);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + 3);
  ASSERT_TRUE(memory.write(kBase + 100, data.data(), data.size()));
  std::vector<uint8_t> back(data.size());
  ASSERT_TRUE(memory.read(kBase + 100, back.data(), back.size()));
  EXPECT_EQ(back, data);
  // The engines' view agrees with the runtime's, byte for byte across a page boundary.
  uint64_t across = 0;
  ASSERT_TRUE(memory.load(kBase + kPageSize - 4, across));
  uint64_t expected = 0;
  std::memcpy(&expected, data.data() + kPageSize - 4 - 100, 8);
  EXPECT_EQ(across, expected);
  EXPECT_EQ(memory.host_range(kBase + kPageSize - 4, 8, perm::kRead), nullptr)
      << "one host pointer cannot cover two frames";
  EXPECT_NE(memory.host_range(kBase + kPageSize, 8, perm::kRead), nullptr);
}

TEST_F(PagedGuestMemoryTest, WritesOutsideMappingsFailAndChangeNothing) {
  memory.map(kBase, kPageSize, perm::kRead | perm::kWrite);
  const uint8_t bytes[16] = {1, 2, 3};
  EXPECT_FALSE(memory.write(kBase + kPageSize - 8, bytes, sizeof bytes));  // runs off the end
  EXPECT_FALSE(memory.store<uint64_t>(kBase + kPageSize, 1));
  EXPECT_EQ(paging().page_faults(), 0u) << "a failed access allocated a page";
}

TEST_F(PagedGuestMemoryTest, TheLoaderWritesReadOnlyPagesThatEnginesThenOnlyRead) {
  memory.map(kBase, kPageSize, perm::kRead | perm::kExec);
  const uint32_t insn = 0x00000073;  // ecall
  ASSERT_TRUE(memory.poke(kBase, &insn, sizeof insn));
  uint16_t half = 0;
  ASSERT_TRUE(memory.fetch16(kBase, half));
  EXPECT_EQ(half, 0x0073);
  EXPECT_FALSE(memory.store<uint32_t>(kBase, 0));
  const auto s = paging().tlb().stats();
  EXPECT_EQ(s.l1i.misses, 1u);
  EXPECT_EQ(s.l1d.lookups, 0u);  // the mapping's permissions refused the store before any lookup
}

}  // namespace
}  // namespace vm::mem
