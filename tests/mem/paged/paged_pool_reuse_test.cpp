// Paged guest memory takes its frames from the pool: pages a munmap drops come back as the
// blocks of the next mapping's pages (counted as reuses), zero-filled, and the pool's peak is
// the process's footprint.
#include <gtest/gtest.h>

#include <cstdint>

#include "vm/mem/guest_memory.h"
#include "vm/mem/paged_backing.h"

namespace vm::mem {
namespace {

using host::PoolClass;

constexpr uint64_t kPages = 16;
constexpr uint64_t kBytes = kPages * kPageSize;

TEST(PagedPoolReuse, MunmapThenMmapReusesTheBlocksZeroed) {
  GuestMemory memory(uint64_t{1} << 30, HostBacking{}, PagedConfig{});
  const host::MemoryPool& pool = memory.paging()->pool();
  const uint64_t tables = pool.stats(PoolClass::PageTablePage).allocations;
  EXPECT_GE(tables, 1u);  // the root

  memory.map(0x100000, kBytes, perm::kRead | perm::kWrite);
  EXPECT_EQ(pool.stats(PoolClass::GuestPage).allocations, 0u);  // demand paging: nothing yet
  for (uint64_t i = 0; i < kPages; ++i)
    ASSERT_TRUE(memory.store<uint64_t>(0x100000 + i * kPageSize, i + 1));
  EXPECT_EQ(pool.stats(PoolClass::GuestPage).allocations, kPages);
  memory.unmap(0x100000, kBytes);
  EXPECT_EQ(pool.stats(PoolClass::GuestPage).frees, kPages);

  memory.map(0x800000, kBytes, perm::kRead | perm::kWrite);
  for (uint64_t i = 0; i < kPages; ++i) {
    uint64_t value = 1;
    ASSERT_TRUE(memory.load(0x800000 + i * kPageSize, value));
    EXPECT_EQ(value, 0u) << i;
  }
  const host::PoolStats s = pool.stats(PoolClass::GuestPage);
  EXPECT_EQ(s.allocations, 2 * kPages);
  EXPECT_EQ(s.reuses, kPages);
  EXPECT_EQ(s.peak_bytes_in_use, kBytes);
  EXPECT_EQ(memory.paging()->frames().peak_frames_in_use(),
            kPages + pool.stats(PoolClass::PageTablePage).peak_bytes_in_use / kPageSize);
}

}  // namespace
}  // namespace vm::mem
