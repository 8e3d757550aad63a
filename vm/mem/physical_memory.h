// Guest-physical RAM in paged mode: one host region that page tables and mapped pages live in,
// addressed by guest-physical address (PA). Frames are handed out by FrameAllocator; this class
// only stores bytes and knows the RAM size.
#pragma once

#include <cstdint>
#include <cstring>

namespace vm::mem {

class PhysicalMemory {
 public:
  // `size` bytes of RAM (rounded up to 4 KiB), zero-filled and backed lazily by the host.
  explicit PhysicalMemory(uint64_t size);
  ~PhysicalMemory();
  PhysicalMemory(const PhysicalMemory&) = delete;
  PhysicalMemory& operator=(const PhysicalMemory&) = delete;

  uint64_t size() const { return size_; }
  bool contains(uint64_t pa, uint64_t len) const { return pa < size_ && len <= size_ - pa; }
  // Host address of PA; the caller has checked contains().
  uint8_t* host(uint64_t pa) const { return base_ + pa; }

  uint64_t read_u64(uint64_t pa) const {
    uint64_t v;
    std::memcpy(&v, base_ + pa, sizeof v);
    return v;
  }
  void write_u64(uint64_t pa, uint64_t v) { std::memcpy(base_ + pa, &v, sizeof v); }

 private:
  uint64_t size_;
  uint8_t* base_;
};

}  // namespace vm::mem
