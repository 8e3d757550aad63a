// The JIT's code cache: one bounded region of host memory from the NUMA allocator (so the code
// sits where the policy puts guest RAM), mapped read-write-execute so that emitting a block and
// patching a chained jump are plain stores, with no mprotect per block (QEMU's TCG does the
// same by default on Linux). Blocks are bump-allocated and never freed one by one: when the
// cache is full its owner drops every translated block and calls reset(), as a bounded
// translation cache must.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vm/mem/host/numa_allocator.h"

namespace vm::engine::jit {

struct CodeCacheStats {
  uint64_t allocations = 0;         // successful allocate() calls
  uint64_t failed_allocations = 0;  // allocate() calls that found the cache full
  uint64_t bytes_allocated = 0;     // since construction, across resets
  uint64_t resets = 0;              // flushes of the whole cache
  uint64_t peak_used_bytes = 0;
};

class CodeCache {
 public:
  // Blocks start on a 16-byte boundary (the fetch-block size of current x86 cores).
  static constexpr size_t kBlockAlignment = 16;

  // `allocator` must outlive the cache; `capacity_bytes` > 0 is rounded up to 4 KiB. Throws
  // std::runtime_error when the region cannot be mapped executable.
  CodeCache(mem::host::NumaAllocator& allocator, size_t capacity_bytes);
  ~CodeCache();
  CodeCache(const CodeCache&) = delete;
  CodeCache& operator=(const CodeCache&) = delete;

  // Room for `bytes` (> 0) of code at a kBlockAlignment boundary, or nullptr when it does not
  // fit in what is left (the caller then flushes and retries, or gives up for a block larger
  // than the whole cache).
  uint8_t* allocate(size_t bytes);
  // Forgets every block: the caller has dropped all pointers into the cache.
  void reset();

  bool contains(const void* p) const;
  size_t capacity() const { return region_.size; }
  size_t used() const { return used_; }
  const CodeCacheStats& stats() const { return stats_; }
  const mem::host::HostRegion& region() const { return region_; }

 private:
  mem::host::NumaAllocator& allocator_;
  mem::host::HostRegion region_;
  size_t used_ = 0;
  CodeCacheStats stats_;
};

}  // namespace vm::engine::jit
