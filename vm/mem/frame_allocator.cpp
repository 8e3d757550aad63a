#include "vm/mem/frame_allocator.h"

#include <stdexcept>
#include <string>

namespace vm::mem {
namespace {
constexpr uint64_t kFrame = 4096;
}

FrameAllocator::FrameAllocator(PhysicalMemory& ram) : ram_(ram), next_unused_(kFrame) {}

std::optional<uint64_t> FrameAllocator::allocate(FrameUse use) {
  const bool reuse = !free_.empty();
  if (!reuse && !ram_.contains(next_unused_, kFrame)) return std::nullopt;
  const uint64_t pa = reuse ? free_.back() : next_unused_;
  ram_.back(pa, use);  // may throw (no host memory): nothing has changed then
  if (reuse) {
    free_.pop_back();
  } else {
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
  uint64_t backed = start;
  try {
    for (; backed < start + bytes; backed += kFrame) ram_.back(backed, FrameUse::Data);
  } catch (...) {
    for (uint64_t pa = start; pa < backed; pa += kFrame) ram_.release(pa);
    throw;
  }
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
  ram_.release(pa);
  free_.push_back(pa);
  --in_use_;
}

void FrameAllocator::count_allocated(uint64_t frames) {
  in_use_ += frames;
  if (in_use_ > peak_) peak_ = in_use_;
}

}  // namespace vm::mem
