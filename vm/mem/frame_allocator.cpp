#include "vm/mem/frame_allocator.h"

#include <cstring>
#include <stdexcept>

namespace vm::mem {
namespace {
constexpr uint64_t kFrame = 4096;
}

FrameAllocator::FrameAllocator(PhysicalMemory& ram) : ram_(ram), next_unused_(kFrame) {}

std::optional<uint64_t> FrameAllocator::allocate() {
  uint64_t pa;
  if (!free_.empty()) {
    pa = free_.back();
    free_.pop_back();
    std::memset(ram_.host(pa), 0, kFrame);
  } else {
    if (!ram_.contains(next_unused_, kFrame)) return std::nullopt;
    pa = next_unused_;  // never used: still zero
    next_unused_ += kFrame;
  }
  count_allocated(1);
  return pa;
}

std::optional<uint64_t> FrameAllocator::allocate_contiguous(uint64_t count) {
  if (count == 0 || (count & (count - 1)) != 0) {
    throw std::invalid_argument("contiguous frame count must be a power of two");
  }
  const uint64_t bytes = count * kFrame;
  const uint64_t start = (next_unused_ + bytes - 1) & ~(bytes - 1);
  if (!ram_.contains(start, bytes)) return std::nullopt;
  // The alignment gap goes to the free list rather than being lost.
  for (uint64_t pa = next_unused_; pa < start; pa += kFrame) free_.push_back(pa);
  next_unused_ = start + bytes;
  count_allocated(count);
  return start;
}

void FrameAllocator::free(uint64_t pa) {
  if (pa == 0 || pa % kFrame != 0 || pa >= next_unused_) {
    throw std::logic_error("freeing a frame that was never allocated: PA " + std::to_string(pa));
  }
  free_.push_back(pa);
  --in_use_;
}

void FrameAllocator::count_allocated(uint64_t frames) {
  in_use_ += frames;
  if (in_use_ > peak_) peak_ = in_use_;
}

}  // namespace vm::mem
