#include "vm/engine/jit/code_cache.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace vm::engine::jit {

CodeCache::CodeCache(mem::host::NumaAllocator& allocator, size_t capacity_bytes)
    : allocator_(allocator) {
  if (capacity_bytes == 0) throw std::invalid_argument("code cache capacity must be > 0");
  region_ = allocator_.allocate(capacity_bytes);
  if (mprotect(region_.data, region_.size, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) {
    const int error = errno;
    allocator_.deallocate(region_);
    throw std::runtime_error(std::string("cannot map the JIT code cache executable: ") +
                             std::strerror(error));
  }
}

CodeCache::~CodeCache() { allocator_.deallocate(region_); }

uint8_t* CodeCache::allocate(size_t bytes) {
  const size_t start = (used_ + kBlockAlignment - 1) & ~(kBlockAlignment - 1);
  if (bytes == 0 || start > region_.size || bytes > region_.size - start) {
    ++stats_.failed_allocations;
    return nullptr;
  }
  used_ = start + bytes;
  ++stats_.allocations;
  stats_.bytes_allocated += bytes;
  stats_.peak_used_bytes = std::max<uint64_t>(stats_.peak_used_bytes, used_);
  return reinterpret_cast<uint8_t*>(region_.data) + start;
}

void CodeCache::reset() {
  used_ = 0;
  ++stats_.resets;
}

bool CodeCache::contains(const void* p) const {
  const auto* byte = static_cast<const std::byte*>(p);
  return byte >= region_.data && byte < region_.data + region_.size;
}

}  // namespace vm::engine::jit
