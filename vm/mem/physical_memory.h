// Guest-physical RAM in paged mode, addressed by guest-physical address (PA), where page tables
// and mapped pages live. Frames are handed out by FrameAllocator, which backs each frame here
// when it allocates it and releases it when it frees it; this class stores bytes, knows the RAM
// size and finds a frame's host page through a frame table indexed by PFN:
// host(pa) = table[pa >> 12] + (pa & 4095).
//
// Two backings:
//  - linear: one lazily-backed host reservation; every frame is backed from the start (so any
//    PA inside RAM can be read and written: tests build tables by hand) and host pages are
//    contiguous. A released frame is zeroed.
//  - pool: each frame is backed, when allocated, by a zeroed 4 KiB block of a host::MemoryPool
//    (class GuestPage for data, PageTablePage for page tables) and its block goes back to the
//    pool when it is freed. A frame that is not allocated has no host page. Host pages of
//    consecutive frames are not contiguous: a superpage (a contiguous PA run) must be reached
//    4 KiB page by page.
#pragma once

#include <atomic>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <vector>

namespace vm::mem {

namespace host {
class MemoryPool;
}

enum class FrameUse : uint8_t { Data, PageTable };

class PhysicalMemory {
 public:
  // Linear backing: `size` bytes of RAM (rounded up to 4 KiB), zero-filled and backed lazily by
  // the host.
  explicit PhysicalMemory(uint64_t size);
  // Pool backing: frames of `size` bytes of RAM backed on allocation by blocks of `pool`, which
  // must outlive this object. Frames still backed when it is destroyed go back to the pool.
  PhysicalMemory(uint64_t size, host::MemoryPool& pool);
  ~PhysicalMemory();
  PhysicalMemory(const PhysicalMemory&) = delete;
  PhysicalMemory& operator=(const PhysicalMemory&) = delete;

  uint64_t size() const { return size_; }
  bool pooled() const { return pool_ != nullptr; }
  bool contains(uint64_t pa, uint64_t len) const { return pa < size_ && len <= size_ - pa; }
  // Host address of PA; the caller has checked contains() and knows the frame is backed.
  uint8_t* host(uint64_t pa) const {
    assert(pa < size_ && frames_[pa >> kFrameShift] != nullptr);
    return frames_[pa >> kFrameShift] + (pa & kFrameMask);
  }
  // Host address of PA, or nullptr when PA lies outside RAM or in a frame that is not backed
  // (pool backing: not allocated; reaching one means a PTE points at a freed frame).
  // Safe on walker threads while the runtime backs and releases frames (the table entry is
  // read atomically; a frame is backed before a PTE that points at it is published).
  uint8_t* host_if_backed(uint64_t pa) const {
    if (pa >= size_) return nullptr;
    uint8_t* page = std::atomic_ref(frames_[pa >> kFrameShift]).load(std::memory_order_relaxed);
    return page == nullptr ? nullptr : page + (pa & kFrameMask);
  }

  uint64_t read_u64(uint64_t pa) const {
    uint64_t v;
    std::memcpy(&v, host(pa), sizeof v);
    return v;
  }
  void write_u64(uint64_t pa, uint64_t v) { std::memcpy(host(pa), &v, sizeof v); }

  // The frame at page-aligned `pa` (inside RAM) is allocated for `use`: afterwards it is backed
  // and reads zero. The frame must not be backed already (pool backing).
  void back(uint64_t pa, FrameUse use);
  // The frame at `pa` is free: its contents are dropped (pool: the block goes back to the pool;
  // linear: it is zeroed). Throws std::logic_error for a frame that is not backed (pool).
  void release(uint64_t pa);

 private:
  static constexpr unsigned kFrameShift = 12;
  static constexpr uint64_t kFrameMask = 4095;

  void set_frame(uint64_t pfn, uint8_t* page);  // the table entry, atomically

  uint64_t size_;
  host::MemoryPool* pool_ = nullptr;
  uint8_t* base_ = nullptr;     // linear: the reservation
  uint8_t** frames_ = nullptr;  // host page of each frame, nullptr when not backed
  uint64_t frame_count_ = 0;
  uint64_t backed_end_ = 0;              // pool: one past the highest PFN ever backed
  std::vector<bool> page_table_frames_;  // pool: which backed frames hold page tables
};

}  // namespace vm::mem
