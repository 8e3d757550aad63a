// A guest buffer handed to a host system call: the accessible prefix of [addr, addr+len) as a
// host pointer. Like the kernel, a call may use a buffer that is only partly mapped, as long
// as its first byte is; an empty request is always valid. In paged memory mode a buffer that
// spans pages is not contiguous in the host: the call then works on a bounce copy, filled
// from the guest first and, for ToGuest, written back when the GuestBuffer goes away.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/runtime/syscalls/syscall_context.h"

namespace vm::runtime {

enum class Direction { ToGuest, FromGuest };

class GuestBuffer {
 public:
  GuestBuffer(SyscallContext& ctx, uint64_t addr, uint64_t len, Direction direction);
  ~GuestBuffer();
  GuestBuffer(const GuestBuffer&) = delete;
  GuestBuffer& operator=(const GuestBuffer&) = delete;
  explicit operator bool() const { return ok_; }
  uint8_t* data() const { return data_; }
  uint64_t size() const { return size_; }

 private:
  mem::GuestMemory& memory_;
  uint64_t addr_;
  Direction direction_;
  std::vector<uint8_t> bounce_;
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  bool ok_ = false;
};

}  // namespace vm::runtime
