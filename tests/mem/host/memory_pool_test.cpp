// MemoryPool: reuse and stats per size class, zeroing of reused guest and page-table pages,
// chunking, and allocation from several threads at once (run under TSan in the sanitizer build).
#include "vm/mem/host/memory_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

namespace vm::mem::host {
namespace {

class MemoryPoolTest : public ::testing::Test {
 protected:
  NumaAllocator allocator_{HostTopology::this_system(), NumaPolicy::local()};
};

bool all_zero(const void* block, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(block);
  return std::all_of(p, p + bytes, [](unsigned char c) { return c == 0; });
}

TEST(PoolClassInfo, DocumentedSizes) {
  EXPECT_EQ(pool_class_info(PoolClass::GuestPage).block_bytes, 4096u);
  EXPECT_TRUE(pool_class_info(PoolClass::GuestPage).zeroed);
  EXPECT_EQ(pool_class_info(PoolClass::PageTablePage).block_bytes, 4096u);
  EXPECT_TRUE(pool_class_info(PoolClass::PageTablePage).zeroed);
  EXPECT_EQ(pool_class_info(PoolClass::JitBuffer64K).block_bytes, 64u << 10);
  EXPECT_FALSE(pool_class_info(PoolClass::JitBuffer64K).zeroed);
  EXPECT_EQ(pool_class_info(PoolClass::JitBuffer1M).block_bytes, 1u << 20);
  EXPECT_EQ(pool_class_info(PoolClass::JitBuffer1M).name, "jit_1m");
}

TEST_F(MemoryPoolTest, ReusesTheLastFreedBlockAndCounts) {
  MemoryPool pool(allocator_);
  void* a = pool.allocate(PoolClass::GuestPage);
  void* b = pool.allocate(PoolClass::GuestPage);
  EXPECT_NE(a, b);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a) % 4096, 0u);
  pool.deallocate(PoolClass::GuestPage, a);
  EXPECT_EQ(pool.allocate(PoolClass::GuestPage), a);

  const PoolStats s = pool.stats(PoolClass::GuestPage);
  EXPECT_EQ(s.allocations, 3u);
  EXPECT_EQ(s.frees, 1u);
  EXPECT_EQ(s.reuses, 1u);
  EXPECT_EQ(s.bytes_in_use, 2u * 4096);
  EXPECT_EQ(s.peak_bytes_in_use, 2u * 4096);
  EXPECT_EQ(s.chunks_mapped, 1u);
  EXPECT_EQ(s.bytes_mapped, 2u << 20);
  // Other classes are untouched.
  EXPECT_EQ(pool.stats(PoolClass::PageTablePage).allocations, 0u);
  EXPECT_EQ(pool.total_stats().allocations, 3u);
  pool.deallocate(PoolClass::GuestPage, a);
  pool.deallocate(PoolClass::GuestPage, b);
  EXPECT_EQ(pool.stats(PoolClass::GuestPage).bytes_in_use, 0u);
  EXPECT_EQ(pool.stats(PoolClass::GuestPage).peak_bytes_in_use, 2u * 4096);
}

TEST_F(MemoryPoolTest, ReusedGuestAndPageTablePagesComeBackZeroed) {
  MemoryPool pool(allocator_);
  for (PoolClass c : {PoolClass::GuestPage, PoolClass::PageTablePage}) {
    void* page = pool.allocate(c);
    EXPECT_TRUE(all_zero(page, 4096));
    std::memset(page, 0xab, 4096);
    pool.deallocate(c, page);
    void* again = pool.allocate(c);
    ASSERT_EQ(again, page);
    EXPECT_TRUE(all_zero(again, 4096));
    pool.deallocate(c, again);
  }
}

TEST_F(MemoryPoolTest, JitBuffersAreNotClearedOnReuse) {
  MemoryPool pool(allocator_);
  auto* buffer = static_cast<unsigned char*>(pool.allocate(PoolClass::JitBuffer64K));
  buffer[100] = 0xc3;
  pool.deallocate(PoolClass::JitBuffer64K, buffer);
  auto* again = static_cast<unsigned char*>(pool.allocate(PoolClass::JitBuffer64K));
  ASSERT_EQ(again, buffer);
  EXPECT_EQ(again[100], 0xc3);
}

TEST_F(MemoryPoolTest, MapsANewChunkWhenOneIsUsedUp) {
  MemoryPool pool(allocator_);
  // 2 MiB chunks: two 1 MiB blocks each.
  std::vector<void*> blocks;
  for (int i = 0; i < 5; ++i) blocks.push_back(pool.allocate(PoolClass::JitBuffer1M));
  EXPECT_EQ(pool.stats(PoolClass::JitBuffer1M).chunks_mapped, 3u);
  EXPECT_EQ(std::set<void*>(blocks.begin(), blocks.end()).size(), 5u);
  for (void* b : blocks) {
    std::memset(b, 0x11, 1 << 20);  // every block is fully usable, none overlaps
    pool.deallocate(PoolClass::JitBuffer1M, b);
  }
  EXPECT_EQ(allocator_.stats().regions_allocated, 3u);
  EXPECT_EQ(pool.stats(PoolClass::JitBuffer1M).peak_bytes_in_use, 5u << 20);
  // The chunks it reports for huge-page accounting hold every block, and stay after the frees.
  const std::vector<AddressRange> chunks = pool.chunk_ranges();
  ASSERT_EQ(chunks.size(), 3u);
  for (void* b : blocks) {
    const auto at = reinterpret_cast<std::uintptr_t>(b);
    EXPECT_TRUE(std::any_of(chunks.begin(), chunks.end(), [at](const AddressRange& r) {
      return r.begin <= at && at + (1 << 20) <= r.end;
    }));
  }
}

TEST_F(MemoryPoolTest, DestructorReturnsChunks) {
  {
    MemoryPool pool(allocator_);
    for (int i = 0; i < 600; ++i) pool.allocate(PoolClass::GuestPage);  // 2 chunks of 512
    EXPECT_EQ(pool.stats(PoolClass::GuestPage).chunks_mapped, 2u);
    EXPECT_EQ(allocator_.stats().bytes_mapped, 4u << 20);
  }
  EXPECT_EQ(allocator_.stats().bytes_mapped, 0u);
  EXPECT_EQ(allocator_.stats().regions_freed, 2u);
}

TEST_F(MemoryPoolTest, HugePageChunksAreAligned) {
  MemoryPoolOptions options;
  options.huge_pages = true;
  MemoryPool pool(allocator_, options);
  void* page = pool.allocate(PoolClass::GuestPage);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(page) % (2 << 20), 0u);
  pool.deallocate(PoolClass::GuestPage, page);
}

TEST_F(MemoryPoolTest, SeveralThreadsAllocateAndFree) {
  MemoryPool pool(allocator_);
  constexpr int kThreads = 4;
  constexpr int kRounds = 200;
  constexpr int kHeld = 32;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&pool, &failures, t] {
      const PoolClass c = t % 2 == 0 ? PoolClass::GuestPage : PoolClass::PageTablePage;
      std::vector<unsigned char*> held;
      for (int round = 0; round < kRounds; ++round) {
        for (int i = 0; i < kHeld; ++i) {
          auto* page = static_cast<unsigned char*>(pool.allocate(c));
          if (!all_zero(page, 4096)) ++failures[t];
          std::memset(page, t + 1, 4096);  // a block shared by two threads would show here
          held.push_back(page);
        }
        for (unsigned char* page : held) {
          if (page[0] != t + 1 || page[4095] != t + 1) ++failures[t];
          pool.deallocate(c, page);
        }
        held.clear();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;

  const PoolStats total = pool.total_stats();
  EXPECT_EQ(total.allocations, std::uint64_t{kThreads} * kRounds * kHeld);
  EXPECT_EQ(total.frees, total.allocations);
  EXPECT_EQ(total.bytes_in_use, 0u);
  // Each class is shared by two threads holding at most kHeld pages each.
  EXPECT_LE(pool.stats(PoolClass::GuestPage).peak_bytes_in_use, 2u * kHeld * 4096);
  EXPECT_EQ(total.reuses, total.allocations - total.peak_bytes_in_use / 4096);
}

}  // namespace
}  // namespace vm::mem::host
