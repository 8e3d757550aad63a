// Hands out 4 KiB frames of guest-physical memory. Freed frames are reused most recent first,
// so after mapping churn a process's pages are scattered over RAM as on a real machine, not
// laid out in virtual-address order. Frame 0 is never handed out: a PA of 0 means "none".
// A frame is backed in PhysicalMemory while it is allocated (with a pool backing, a freed frame
// has no host page until it is allocated again).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "vm/mem/physical_memory.h"

namespace vm::mem {

class FrameAllocator {
 public:
  explicit FrameAllocator(PhysicalMemory& ram);

  // A zero-filled frame's PA, or nothing when RAM is exhausted.
  std::optional<uint64_t> allocate(FrameUse use = FrameUse::Data);
  // `count` physically contiguous zero-filled frames aligned to `count` frames (superpages);
  // taken from never-used RAM only (data frames).
  std::optional<uint64_t> allocate_contiguous(uint64_t count);
  void free(uint64_t pa);

  uint64_t frames_in_use() const { return in_use_; }
  uint64_t peak_frames_in_use() const { return peak_; }

 private:
  void count_allocated(uint64_t frames);

  PhysicalMemory& ram_;
  uint64_t next_unused_;  // first PA never handed out
  std::vector<uint64_t> free_;
  uint64_t in_use_ = 0;
  uint64_t peak_ = 0;
};

}  // namespace vm::mem
