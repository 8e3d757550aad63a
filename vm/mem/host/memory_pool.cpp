#include "vm/mem/host/memory_pool.h"

#include <algorithm>
#include <cstring>

namespace vm::mem::host {

namespace {

constexpr std::array<PoolClassInfo, kPoolClassCount> kClasses = {{
    {"guest_page", 4096, true},
    {"page_table_page", 4096, true},
    {"jit_64k", std::size_t{64} << 10, false},
    {"jit_1m", std::size_t{1} << 20, false},
}};

std::size_t index_of(PoolClass pool_class) { return static_cast<std::size_t>(pool_class); }

}  // namespace

const PoolClassInfo& pool_class_info(PoolClass pool_class) {
  return kClasses[index_of(pool_class)];
}

MemoryPool::MemoryPool(NumaAllocator& allocator, MemoryPoolOptions options)
    : allocator_(allocator), options_(options) {}

MemoryPool::~MemoryPool() {
  for (ClassState& state : classes_) {
    for (const HostRegion& chunk : state.chunks) allocator_.deallocate(chunk);
  }
}

void MemoryPool::map_chunk(ClassState& state, std::size_t block_bytes) {
  // A whole number of blocks, at least one.
  const std::size_t blocks = std::max<std::size_t>(1, options_.chunk_bytes / block_bytes);
  AllocationOptions allocation;
  allocation.huge_pages = options_.huge_pages;
  state.chunks.reserve(state.chunks.size() + 1);  // so that push_back below cannot throw
  const HostRegion chunk = allocator_.allocate(blocks * block_bytes, allocation);
  state.chunks.push_back(chunk);
  state.next = chunk.data;
  // Huge-page chunks are rounded up to 2 MiB; carve only whole blocks.
  state.end = chunk.data + chunk.size / block_bytes * block_bytes;
  ++state.stats.chunks_mapped;
  state.stats.bytes_mapped += chunk.size;
}

void* MemoryPool::allocate(PoolClass pool_class) {
  const PoolClassInfo& info = pool_class_info(pool_class);
  ClassState& state = classes_[index_of(pool_class)];
  void* block = nullptr;
  bool reused = false;
  {
    const std::lock_guard lock(state.mutex);
    if (!state.free_blocks.empty()) {
      block = state.free_blocks.back();
      state.free_blocks.pop_back();
      reused = true;
      ++state.stats.reuses;
    } else {
      if (state.next == state.end) map_chunk(state, info.block_bytes);
      block = state.next;
      state.next += info.block_bytes;
    }
    ++state.stats.allocations;
    state.stats.bytes_in_use += info.block_bytes;
    state.stats.peak_bytes_in_use =
        std::max(state.stats.peak_bytes_in_use, state.stats.bytes_in_use);
  }
  if (reused && info.zeroed) std::memset(block, 0, info.block_bytes);
  return block;
}

void MemoryPool::deallocate(PoolClass pool_class, void* block) {
  if (block == nullptr) return;
  const PoolClassInfo& info = pool_class_info(pool_class);
  ClassState& state = classes_[index_of(pool_class)];
  const std::lock_guard lock(state.mutex);
  state.free_blocks.push_back(block);
  ++state.stats.frees;
  state.stats.bytes_in_use -= info.block_bytes;
}

PoolStats MemoryPool::stats(PoolClass pool_class) const {
  const ClassState& state = classes_[index_of(pool_class)];
  const std::lock_guard lock(state.mutex);
  return state.stats;
}

std::vector<AddressRange> MemoryPool::chunk_ranges() const {
  std::vector<AddressRange> ranges;
  for (const ClassState& state : classes_) {
    std::lock_guard lock(state.mutex);
    for (const HostRegion& chunk : state.chunks) {
      const auto begin = reinterpret_cast<std::uintptr_t>(chunk.data);
      ranges.push_back({begin, begin + chunk.size});
    }
  }
  return ranges;
}

PoolStats MemoryPool::total_stats() const {
  PoolStats total;
  for (std::size_t i = 0; i < kPoolClassCount; ++i) {
    const PoolStats s = stats(static_cast<PoolClass>(i));
    total.allocations += s.allocations;
    total.frees += s.frees;
    total.reuses += s.reuses;
    total.bytes_in_use += s.bytes_in_use;
    total.peak_bytes_in_use += s.peak_bytes_in_use;
    total.chunks_mapped += s.chunks_mapped;
    total.bytes_mapped += s.bytes_mapped;
  }
  return total;
}

}  // namespace vm::mem::host
