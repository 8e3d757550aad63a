// PhysicalMemory backed by a MemoryPool: a frame has a host page exactly while it is allocated,
// blocks come from the class of the frame's use and go back to it when the frame is freed,
// reused frames read zero, host pages are per frame (a superpage is reached page by page), and
// a PTE that points at a freed frame is an access fault, never a null dereference.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <set>
#include <stdexcept>
#include <vector>

#include "vm/mem/frame_allocator.h"
#include "vm/mem/host/memory_pool.h"
#include "vm/mem/pagetable/page_table.h"
#include "vm/mem/pagetable/page_walker.h"
#include "vm/mem/pagetable/pte.h"
#include "vm/mem/physical_memory.h"
#include "vm/mem/tlb/tlb_hierarchy.h"

namespace vm::mem {
namespace {

using host::PoolClass;

constexpr uint64_t kRam = uint64_t{64} << 20;
constexpr uint64_t kRW = pte::kRead | pte::kWrite | pte::kUser;

class PoolBackedMemoryTest : public ::testing::Test {
 protected:
  host::PoolStats guest_pages() const { return pool.stats(PoolClass::GuestPage); }
  host::PoolStats table_pages() const { return pool.stats(PoolClass::PageTablePage); }

  host::NumaAllocator allocator{host::HostTopology::this_system(), host::NumaPolicy::local()};
  host::MemoryPool pool{allocator};
  PhysicalMemory ram{kRam, pool};
  FrameAllocator frames{ram};
};

TEST_F(PoolBackedMemoryTest, AFrameIsBackedWhileAllocatedOnly) {
  EXPECT_TRUE(ram.pooled());
  EXPECT_EQ(ram.host_if_backed(4096), nullptr);  // never allocated
  const uint64_t pa = *frames.allocate();
  ASSERT_NE(ram.host_if_backed(pa), nullptr);
  EXPECT_EQ(ram.host_if_backed(pa + 100), ram.host(pa) + 100);
  EXPECT_EQ(guest_pages().allocations, 1u);
  EXPECT_EQ(guest_pages().bytes_in_use, 4096u);

  frames.free(pa);
  EXPECT_EQ(ram.host_if_backed(pa), nullptr);
  EXPECT_EQ(guest_pages().frees, 1u);
  EXPECT_EQ(guest_pages().bytes_in_use, 0u);
  EXPECT_EQ(ram.host_if_backed(kRam), nullptr);  // outside RAM
}

TEST_F(PoolBackedMemoryTest, AFreedFrameIsReusedZeroedAndTheReuseIsCounted) {
  const uint64_t a = *frames.allocate();
  const uint64_t b = *frames.allocate();
  std::memset(ram.host(a), 0xab, 4096);
  std::memset(ram.host(b), 0xcd, 4096);
  frames.free(b);
  frames.free(a);
  const uint64_t again = *frames.allocate();
  EXPECT_EQ(again, a);  // most recent first, as without the pool
  const uint8_t* page = ram.host(again);
  for (int i = 0; i < 4096; ++i) ASSERT_EQ(page[i], 0) << i;
  const host::PoolStats s = guest_pages();
  EXPECT_EQ(s.allocations, 3u);
  EXPECT_EQ(s.reuses, 1u);
  EXPECT_EQ(s.peak_bytes_in_use, 2u * 4096);
  EXPECT_EQ(frames.peak_frames_in_use(), 2u);
}

TEST_F(PoolBackedMemoryTest, HostPagesAreDistinctAlignedAndStable) {
  std::vector<uint64_t> pas;
  std::set<uint8_t*> hosts;
  for (int i = 0; i < 600; ++i) {  // more than one 2 MiB chunk
    pas.push_back(*frames.allocate());
    uint8_t* host = ram.host(pas.back());
    EXPECT_EQ(reinterpret_cast<uintptr_t>(host) % 4096, 0u);
    hosts.insert(host);
    ram.write_u64(pas.back() + 8, pas.back());
  }
  EXPECT_EQ(hosts.size(), pas.size());
  EXPECT_EQ(guest_pages().chunks_mapped, 2u);
  // Churn elsewhere leaves the pages where they were, with their contents.
  std::vector<uint64_t> extra;
  for (int i = 0; i < 50; ++i) extra.push_back(*frames.allocate());
  for (uint64_t pa : extra) frames.free(pa);
  for (uint64_t pa : pas) {
    EXPECT_TRUE(hosts.count(ram.host(pa)));
    EXPECT_EQ(ram.read_u64(pa + 8), pa);
  }
}

TEST_F(PoolBackedMemoryTest, PageTablePagesComeFromTheirOwnClass) {
  {
    PageTable table(ram, frames, PagingMode::Sv39);
    EXPECT_EQ(table_pages().allocations, 1u);  // the root
    const uint64_t pa = *frames.allocate();
    ASSERT_TRUE(table.map(0x40000000, pa, 0, kRW));
    EXPECT_EQ(table_pages().allocations, 3u);  // two more levels
    EXPECT_EQ(guest_pages().allocations, 1u);
    table.unmap(0x40000000);
    EXPECT_EQ(table_pages().frees, 2u);  // emptied tables go back to the pool
    frames.free(pa);
    ASSERT_TRUE(table.map(0x40000000, *frames.allocate(), 0, kRW));
    EXPECT_EQ(table_pages().reuses, 2u);
    EXPECT_EQ(guest_pages().reuses, 1u);
  }
  EXPECT_EQ(table_pages().bytes_in_use, 0u);
}

TEST_F(PoolBackedMemoryTest, FramesStillAllocatedGoBackToThePoolWithTheMemory) {
  {
    PhysicalMemory other(kRam, pool);
    FrameAllocator other_frames(other);
    for (int i = 0; i < 10; ++i) other_frames.allocate();
    other_frames.allocate(FrameUse::PageTable);
    EXPECT_EQ(guest_pages().bytes_in_use, 10u * 4096);
    EXPECT_EQ(table_pages().bytes_in_use, 4096u);
  }
  EXPECT_EQ(guest_pages().bytes_in_use, 0u);
  EXPECT_EQ(table_pages().bytes_in_use, 0u);
}

TEST_F(PoolBackedMemoryTest, FreeingAFrameTwiceIsCaught) {
  const uint64_t pa = *frames.allocate();
  frames.free(pa);
  EXPECT_THROW(frames.free(pa), std::logic_error);
}

// A superpage is one contiguous PA run; its host pages are separate pool blocks (after churn,
// not even in order), so the TLB fills each 4 KiB page from its own frame.
TEST_F(PoolBackedMemoryTest, ASuperpageIsReachedPageByPage) {
  std::vector<uint64_t> churn;
  for (int i = 0; i < 8; ++i) churn.push_back(*frames.allocate());
  for (uint64_t pa : churn) frames.free(pa);  // their blocks are reused, last freed first
  const uint64_t run = *frames.allocate_contiguous(512);
  ASSERT_EQ(run % (2 << 20), 0u);
  EXPECT_NE(ram.host(run) + 4096, ram.host(run + 4096));

  PageTable table(ram, frames, PagingMode::Sv39);
  const uint64_t va = 0x40000000;
  ASSERT_TRUE(table.map(va, run, 1, kRW));
  tlb::TlbConfig config;
  tlb::SharedTlb l3(config.l3_entries, config.l3_ways, config.l3_policy, 1);
  tlb::TlbHierarchy tlb(config, l3, ram);
  tlb.set_address_space(PagingMode::Sv39, table.root(), 1);
  for (uint64_t page = 0; page < 512; page += 37) {
    const uint64_t offset = page * 4096 + 24;
    const tlb::TranslateResult store = tlb.translate(va + offset, Access::Store);
    ASSERT_TRUE(store.ok()) << page;
    EXPECT_EQ(store.pa, run + offset);
    EXPECT_EQ(store.host, ram.host(run + offset)) << page;
    *store.host = static_cast<uint8_t>(page + 1);
  }
  for (uint64_t page = 0; page < 512; page += 37) {
    const uint64_t offset = page * 4096 + 24;
    EXPECT_EQ(ram.host(run + offset)[0], static_cast<uint8_t>(page + 1));
    EXPECT_EQ(*tlb.translate(va + offset, Access::Load).host, static_cast<uint8_t>(page + 1));
  }
}

TEST_F(PoolBackedMemoryTest, APteThatPointsAtAFreedFrameIsAnAccessFault) {
  PageTable table(ram, frames, PagingMode::Sv39);
  const uint64_t pa = *frames.allocate();
  ASSERT_TRUE(table.map(0x1000, pa, 0, kRW));
  frames.free(pa);  // the runtime's bug: the leaf still points at the frame
  WalkRequest r;
  r.root = table.root();
  r.va = 0x1000;
  EXPECT_EQ(walk_page_table(ram, r).fault, TranslationFault::AccessFault);

  // A pointer to a next-level table that was freed.
  const uint64_t gone = *frames.allocate(FrameUse::PageTable);
  frames.free(gone);
  ram.write_u64(table.root() + 8 * 255, pte::make(gone, pte::kValid));
  r.va = uint64_t{255} << 30;
  const Translation t = walk_page_table(ram, r);
  EXPECT_EQ(t.fault, TranslationFault::AccessFault);
  EXPECT_EQ(t.ptes_read, 1u);
}

}  // namespace
}  // namespace vm::mem
