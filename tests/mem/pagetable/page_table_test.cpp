// The Sv39/Sv48 page-table builder and walker against the privileged spec: translations
// computed by hand, every fault condition of the translation process, A/D updates, superpages,
// and table pages returned when they empty.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "vm/mem/frame_allocator.h"
#include "vm/mem/pagetable/page_table.h"
#include "vm/mem/pagetable/page_walker.h"
#include "vm/mem/pagetable/pte.h"

namespace vm::mem {
namespace {

constexpr uint64_t kRam = uint64_t{64} << 20;
constexpr uint64_t kRW = pte::kRead | pte::kWrite | pte::kUser;
constexpr uint64_t kRX = pte::kRead | pte::kExec | pte::kUser;

class PageTableTest : public ::testing::Test {
 protected:
  PhysicalMemory ram{kRam};
  FrameAllocator frames{ram};

  Translation walk(const PageTable& table, uint64_t va, Access access, bool user = true) {
    WalkRequest r;
    r.mode = table.mode();
    r.root = table.root();
    r.va = va;
    r.access = access;
    r.user_mode = user;
    return walk_page_table(ram, r);
  }
  uint64_t frame() { return *frames.allocate(); }
};

TEST_F(PageTableTest, TranslatesA4KiBPageAndKeepsTheOffset) {
  PageTable table(ram, frames, PagingMode::Sv39);
  const uint64_t pa = frame();
  ASSERT_TRUE(table.map(0x12345000, pa, 0, kRW));
  const Translation t = walk(table, 0x12345abc, Access::Load);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.pa, pa + 0xabc);
  EXPECT_EQ(t.level, 0u);
  EXPECT_EQ(t.ptes_read, 3u);  // Sv39: three levels
  EXPECT_TRUE(walk(table, 0x12346000, Access::Load).fault == TranslationFault::PageFault);
}

// A table written PTE by PTE as the spec describes it, walked for a VA whose PA is computed by
// hand: VA 0x7f_c020_3456 has VPN[2] = 0x1ff, VPN[1] = 0x001, VPN[0] = 0x003, offset 0x456.
TEST_F(PageTableTest, WalksHandBuiltSv39Tables) {
  const uint64_t root = 0x10000, mid = 0x20000, leaf_table = 0x30000, page = 0x3654000;
  ram.write_u64(root + 0x1ff * 8, pte::make(mid, pte::kValid));
  ram.write_u64(mid + 0x001 * 8, pte::make(leaf_table, pte::kValid));
  ram.write_u64(leaf_table + 0x003 * 8, pte::make(page, pte::kValid | kRW));
  // 0x7f_c020_3456 is not canonical in Sv39 (bit 38 set, bits above clear): sign-extend it.
  const uint64_t va = 0xffff'ffff'c020'3456;
  WalkRequest r;
  r.root = root;
  r.va = va;
  const Translation t = walk_page_table(ram, r);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.pa, page + 0x456);
  EXPECT_EQ(t.leaf_address, leaf_table + 0x003 * 8);
  r.va = 0x0000'007f'c020'3456;  // the same low bits, not sign-extended
  EXPECT_TRUE(walk_page_table(ram, r).fault == TranslationFault::PageFault);
}

TEST_F(PageTableTest, Sv48HasAFourthLevelAndA48BitSpace) {
  PageTable table(ram, frames, PagingMode::Sv48);
  const uint64_t va = 0x0000'7f12'3456'7000;  // beyond Sv39's 39 bits
  const uint64_t pa = frame();
  ASSERT_TRUE(table.map(va, pa, 0, kRW));
  const Translation t = walk(table, va + 8, Access::Store);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.pa, pa + 8);
  EXPECT_EQ(t.ptes_read, 4u);
  EXPECT_FALSE(is_canonical(PagingMode::Sv39, va));
  EXPECT_TRUE(is_canonical(PagingMode::Sv48, va));
  EXPECT_FALSE(is_canonical(PagingMode::Sv48, uint64_t{1} << 47));
}

TEST_F(PageTableTest, SuperpagesTranslateWithinTheirSize) {
  PageTable table(ram, frames, PagingMode::Sv39);
  const uint64_t mega = *frames.allocate_contiguous(512);
  ASSERT_EQ(mega % (2 << 20), 0u);
  ASSERT_TRUE(table.map(0x4000'0000 + (2 << 20), mega, 1, kRW));
  Translation t = walk(table, 0x4000'0000 + (2 << 20) + 0x1f'f123, Access::Load);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.level, 1u);
  EXPECT_EQ(t.pa, mega + 0x1f'f123);
  EXPECT_EQ(t.ptes_read, 2u);
  // A 1 GiB leaf: only the mapping matters to the walker, RAM holds just its first bytes.
  ASSERT_TRUE(table.map(0x40'0000'0000 - (uint64_t{1} << 30), 0, 2, kRW));
  t = walk(table, 0x40'0000'0000 - (uint64_t{1} << 30) + 0x123, Access::Load);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.level, 2u);
  EXPECT_EQ(t.pa, 0x123u);
  EXPECT_EQ(t.ptes_read, 1u);
}

TEST_F(PageTableTest, MisalignedSuperpageIsAPageFault) {
  PageTable table(ram, frames, PagingMode::Sv39);
  ASSERT_TRUE(table.map(0x200000, 0x200000, 1, kRW));
  const auto leaf = table.lookup(0x200000);
  ASSERT_TRUE(leaf);
  // Rewrite the level-1 leaf with a PPN that is 4 KiB- but not 2 MiB-aligned.
  const Translation good = walk(table, 0x200000, Access::Load);
  ASSERT_TRUE(good.ok());
  ram.write_u64(good.leaf_address, pte::make(0x201000, pte::kValid | kRW));
  EXPECT_TRUE(walk(table, 0x200000, Access::Load).fault == TranslationFault::PageFault);
}

TEST_F(PageTableTest, PermissionsFollowTheSpec) {
  PageTable table(ram, frames, PagingMode::Sv39);
  ASSERT_TRUE(table.map(0x1000, frame(), 0, pte::kRead | pte::kUser));
  ASSERT_TRUE(table.map(0x2000, frame(), 0, pte::kExec | pte::kUser));
  ASSERT_TRUE(table.map(0x3000, frame(), 0, kRW));
  ASSERT_TRUE(table.map(0x4000, frame(), 0, pte::kRead | pte::kWrite));  // supervisor page
  const auto faults = [&](uint64_t va, Access a, bool user = true) {
    return walk(table, va, a, user).fault == TranslationFault::PageFault;
  };
  EXPECT_FALSE(faults(0x1000, Access::Load));
  EXPECT_TRUE(faults(0x1000, Access::Store));
  EXPECT_TRUE(faults(0x1000, Access::Fetch));
  EXPECT_TRUE(faults(0x2000, Access::Load));  // execute-only
  EXPECT_FALSE(faults(0x2000, Access::Fetch));
  EXPECT_FALSE(faults(0x3000, Access::Store));
  EXPECT_TRUE(faults(0x4000, Access::Load));          // U-mode, page without U
  EXPECT_FALSE(faults(0x4000, Access::Load, false));  // S-mode
  EXPECT_TRUE(faults(0x3000, Access::Load, false));   // S-mode, U page, SUM clear

  WalkRequest r;
  r.root = table.root();
  r.va = 0x2000;
  r.make_executable_readable = true;  // MXR: execute-only pages become readable
  EXPECT_TRUE(walk_page_table(ram, r).ok());
  r.va = 0x3000;
  r.user_mode = false;
  r.supervisor_user_access = true;  // SUM: S-mode may load from U pages...
  EXPECT_TRUE(walk_page_table(ram, r).ok());
  r.access = Access::Fetch;  // ...but never execute them
  EXPECT_TRUE(walk_page_table(ram, r).fault == TranslationFault::PageFault);
}

TEST_F(PageTableTest, ReservedEncodingsFault) {
  PageTable table(ram, frames, PagingMode::Sv39);
  ASSERT_TRUE(table.map(0x5000, frame(), 0, kRW));
  const Translation t = walk(table, 0x5000, Access::Load);
  ASSERT_TRUE(t.ok());
  const uint64_t good = ram.read_u64(t.leaf_address);
  ram.write_u64(t.leaf_address, (good & ~pte::kRead));  // W without R
  EXPECT_TRUE(walk(table, 0x5000, Access::Load).fault == TranslationFault::PageFault);
  ram.write_u64(t.leaf_address, good | (uint64_t{1} << 60));  // reserved high bit
  EXPECT_TRUE(walk(table, 0x5000, Access::Load).fault == TranslationFault::PageFault);
  ram.write_u64(t.leaf_address, good & ~pte::kValid);
  EXPECT_TRUE(walk(table, 0x5000, Access::Load).fault == TranslationFault::PageFault);
  ram.write_u64(t.leaf_address, good);
  // A non-leaf PTE with A, D or U set is reserved.
  const uint64_t root_slot = table.root() + vpn_index(0x5000, 2) * 8;
  const uint64_t pointer = ram.read_u64(root_slot);
  for (uint64_t bit : {pte::kAccessed, pte::kDirty, pte::kUser}) {
    ram.write_u64(root_slot, pointer | bit);
    EXPECT_TRUE(walk(table, 0x5000, Access::Load).fault == TranslationFault::PageFault) << bit;
  }
  ram.write_u64(root_slot, pointer);
  EXPECT_TRUE(walk(table, 0x5000, Access::Load).ok());
}

TEST_F(PageTableTest, TableOutsideRamIsAnAccessFault) {
  PageTable table(ram, frames, PagingMode::Sv39);
  ram.write_u64(table.root() + vpn_index(0x6000, 2) * 8, pte::make(kRam + 0x1000, pte::kValid));
  EXPECT_TRUE(walk(table, 0x6000, Access::Load).fault == TranslationFault::AccessFault);
}

TEST_F(PageTableTest, AccessedAndDirtyAreSetByTheWalk) {
  PageTable table(ram, frames, PagingMode::Sv39);
  ASSERT_TRUE(table.map(0x7000, frame(), 0, kRW));
  Translation t = walk(table, 0x7000, Access::Load);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t.leaf & pte::kAccessed);
  EXPECT_FALSE(t.leaf & pte::kDirty);
  EXPECT_EQ(ram.read_u64(t.leaf_address), t.leaf);
  t = walk(table, 0x7000, Access::Store);
  EXPECT_TRUE(t.leaf & pte::kDirty);
  EXPECT_TRUE(ram.read_u64(t.leaf_address) & pte::kDirty);

  // Without hardware A/D updating (Svade), a clear A or D is a page fault.
  ASSERT_TRUE(table.map(0x8000, frame(), 0, kRW));
  WalkRequest r;
  r.root = table.root();
  r.va = 0x8000;
  r.update_accessed_dirty = false;
  EXPECT_TRUE(walk_page_table(ram, r).fault == TranslationFault::PageFault);
  ASSERT_TRUE(table.protect(0x8000, kRW | pte::kAccessed));
  EXPECT_TRUE(walk_page_table(ram, r).fault == TranslationFault::PageFault);  // A is kept as-is
}

TEST_F(PageTableTest, ProtectKeepsAccessedAndDirty) {
  PageTable table(ram, frames, PagingMode::Sv39);
  ASSERT_TRUE(table.map(0x9000, frame(), 0, kRW));
  ASSERT_TRUE(walk(table, 0x9000, Access::Store).ok());
  ASSERT_TRUE(table.protect(0x9000, pte::kRead | pte::kUser));
  EXPECT_TRUE(walk(table, 0x9000, Access::Store).fault == TranslationFault::PageFault);
  const Translation t = walk(table, 0x9000, Access::Load);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t.leaf & pte::kDirty);
  EXPECT_FALSE(table.protect(0xa000, kRW));
}

TEST_F(PageTableTest, UnmapReturnsTheLeafAndFreesEmptyTables) {
  PageTable table(ram, frames, PagingMode::Sv39);
  EXPECT_EQ(table.table_pages(), 1u);
  const uint64_t pa = frame();
  ASSERT_TRUE(table.map(0x40'0000'0000 - 0x1000, pa, 0, kRW));
  ASSERT_TRUE(table.map(0x40'0000'0000 - 0x2000, frame(), 0, kRW));
  EXPECT_EQ(table.table_pages(), 3u);  // root, one level-1 and one level-0 table
  const auto leaf = table.unmap(0x40'0000'0000 - 0x1000 + 0x10);
  ASSERT_TRUE(leaf);
  EXPECT_EQ(leaf->pa, pa);
  EXPECT_EQ(leaf->va, 0x40'0000'0000 - 0x1000);
  EXPECT_EQ(table.table_pages(), 3u);  // the other page keeps its tables
  ASSERT_TRUE(table.unmap(0x40'0000'0000 - 0x2000));
  EXPECT_EQ(table.table_pages(), 1u);
  EXPECT_FALSE(table.unmap(0x40'0000'0000 - 0x2000));
  EXPECT_TRUE(walk(table, 0x40'0000'0000 - 0x2000, Access::Load).fault ==
              TranslationFault::PageFault);
}

TEST_F(PageTableTest, RefusesOverlappingAndMisalignedLeaves) {
  PageTable table(ram, frames, PagingMode::Sv39);
  ASSERT_TRUE(table.map(0x200000, 0x200000, 1, kRW));
  EXPECT_THROW(table.map(0x201000, frame(), 0, kRW), std::logic_error);  // under a superpage
  EXPECT_THROW(table.map(0x200000, 0x400000, 1, kRW), std::logic_error);
  EXPECT_THROW(table.map(0x1234, frame(), 0, kRW), std::logic_error);
  EXPECT_THROW(table.map(0x600000, 0x1000, 1, kRW), std::logic_error);  // PA misaligned
  EXPECT_THROW(table.map(0x1000, frame(), 0, 0), std::logic_error);     // no permission
}

TEST_F(PageTableTest, TablesComeBackToTheAllocator) {
  const uint64_t before = frames.frames_in_use();
  {
    PageTable table(ram, frames, PagingMode::Sv48);
    ASSERT_TRUE(table.map(0x1000, 0x1000, 0, kRW));
    EXPECT_EQ(frames.frames_in_use(), before + 4);
  }
  EXPECT_EQ(frames.frames_in_use(), before);
}

TEST_F(PageTableTest, ConcurrentWalkersSetAccessedAndDirtyWithoutLosingBits) {
  PageTable table(ram, frames, PagingMode::Sv39);
  constexpr int kPages = 64;
  for (int i = 0; i < kPages; ++i) ASSERT_TRUE(table.map(0x100000 + i * 0x1000, frame(), 0, kRW));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPages; ++i) {
        WalkRequest r;
        r.root = table.root();
        r.va = 0x100000 + i * 0x1000;
        r.access = (i + t) % 2 ? Access::Store : Access::Load;
        ASSERT_TRUE(walk_page_table(ram, r).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int i = 0; i < kPages; ++i) {
    const auto leaf = table.lookup(0x100000 + i * 0x1000);
    ASSERT_TRUE(leaf);
    EXPECT_EQ(leaf->flags & (pte::kAccessed | pte::kDirty), pte::kAccessed | pte::kDirty) << i;
  }
}

TEST(FrameAllocatorTest, ReusesFreedFramesZeroedAndMostRecentFirst) {
  PhysicalMemory ram(16 * 4096);
  FrameAllocator frames(ram);
  const uint64_t a = *frames.allocate();
  const uint64_t b = *frames.allocate();
  EXPECT_NE(a, 0u);  // frame 0 is never handed out
  EXPECT_EQ(b, a + 4096);
  ram.host(a)[100] = 42;
  frames.free(b);
  frames.free(a);
  EXPECT_EQ(*frames.allocate(), a);
  EXPECT_EQ(ram.host(a)[100], 0);
  EXPECT_EQ(*frames.allocate(), b);
  EXPECT_EQ(frames.peak_frames_in_use(), 2u);
  EXPECT_THROW(frames.free(4096 * 9), std::logic_error);  // never handed out
}

TEST(FrameAllocatorTest, ContiguousRunsAreAlignedAndExhaustionIsReported) {
  PhysicalMemory ram(64 * 4096);
  FrameAllocator frames(ram);
  const uint64_t run = *frames.allocate_contiguous(16);
  EXPECT_EQ(run % (16 * 4096), 0u);
  EXPECT_EQ(frames.frames_in_use(), 16u);
  EXPECT_FALSE(frames.allocate_contiguous(64));
  EXPECT_THROW(frames.allocate_contiguous(3), std::invalid_argument);
  int taken = 0;
  while (frames.allocate()) ++taken;
  EXPECT_EQ(taken, 64 - 1 - 16);  // all but frame 0 and the run
}

}  // namespace
}  // namespace vm::mem
