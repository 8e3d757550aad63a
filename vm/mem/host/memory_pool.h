// Size-classed free lists for the VM's fixed-size host blocks, so that the hot paths (a guest
// page faulted in, a page-table page for the paged mode, a JIT code buffer) do not pay an
// mmap/munmap or a general-purpose malloc each time.
//
// Size classes (one free list each):
//   GuestPage      4 KiB, returned zeroed      guest RAM pages
//   PageTablePage  4 KiB, returned zeroed      guest page-table pages (zero = no valid PTE)
//   JitBuffer64K   64 KiB, returned as freed   JIT code buffers for blocks / small regions
//   JitBuffer1M    1 MiB, returned as freed    JIT code buffers for large regions
// Blocks are 4 KiB-aligned (64 KiB and 1 MiB blocks are not aligned to their size) and are
// never touched by the pool except for zeroing:
// free lists live outside the blocks, so a JIT buffer may be left PROT_READ|PROT_EXEC while it
// is in use (restore PROT_READ|PROT_WRITE before deallocate: the next owner expects to write).
//
// Zeroing: fresh blocks come zero from the kernel; a reused GuestPage or PageTablePage is
// cleared with memset in allocate() (4 KiB: cheaper than a madvise(MADV_DONTNEED) round trip).
// JIT buffers are not cleared: the JIT overwrites what it uses.
//
// Memory: blocks are carved from chunks (2 MiB by default, at least one block) mapped through a
// NumaAllocator, so the pool follows its NUMA policy. Chunks are returned to the kernel only when
// the pool is destroyed; freed blocks stay on their free list (the peak is the footprint).
//
// Thread safety: one mutex per size class; any thread may allocate and free. Zeroing happens
// outside the lock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <vector>

#include "vm/mem/host/numa_allocator.h"
#include "vm/mem/host/transparent_huge_pages.h"

namespace vm::mem::host {

enum class PoolClass { GuestPage, PageTablePage, JitBuffer64K, JitBuffer1M };
inline constexpr std::size_t kPoolClassCount = 4;

struct PoolClassInfo {
  std::string_view name;  // "guest_page", "page_table_page", "jit_64k", "jit_1m"
  std::size_t block_bytes;
  bool zeroed;  // allocate() always returns zero-filled blocks
};
const PoolClassInfo& pool_class_info(PoolClass pool_class);

struct PoolStats {
  std::uint64_t allocations = 0;  // allocate() calls
  std::uint64_t frees = 0;        // deallocate() calls
  std::uint64_t reuses = 0;       // allocations served from the free list
  std::uint64_t bytes_in_use = 0;
  std::uint64_t peak_bytes_in_use = 0;
  std::uint64_t chunks_mapped = 0;
  std::uint64_t bytes_mapped = 0;  // chunk bytes, the pool's footprint
};

struct MemoryPoolOptions {
  std::size_t chunk_bytes = std::size_t{2} << 20;
  bool huge_pages = false;  // chunks 2 MiB-aligned and madvised for transparent huge pages
};

class MemoryPool {
 public:
  // `allocator` must outlive the pool.
  explicit MemoryPool(NumaAllocator& allocator, MemoryPoolOptions options = {});
  ~MemoryPool();  // unmaps every chunk; blocks still allocated become invalid
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;

  // A block of pool_class_info(c).block_bytes. Throws std::runtime_error when a new chunk
  // cannot be mapped.
  void* allocate(PoolClass pool_class);
  // `block` must come from allocate() of this pool with the same class (nullptr is ignored).
  void deallocate(PoolClass pool_class, void* block);

  PoolStats stats(PoolClass pool_class) const;
  PoolStats total_stats() const;  // sums; peak_bytes_in_use is the sum of the class peaks
  // Every chunk mapped so far (for /proc/self/smaps accounting of huge pages).
  std::vector<AddressRange> chunk_ranges() const;

 private:
  struct ClassState {
    mutable std::mutex mutex;
    std::vector<HostRegion> chunks;
    std::byte* next = nullptr;  // uncarved part of the newest chunk
    std::byte* end = nullptr;
    std::vector<void*> free_blocks;  // LIFO: the last freed block is the most likely cached
    PoolStats stats;
  };

  void map_chunk(ClassState& state, std::size_t block_bytes);

  NumaAllocator& allocator_;
  const MemoryPoolOptions options_;
  std::array<ClassState, kPoolClassCount> classes_;
};

}  // namespace vm::mem::host
