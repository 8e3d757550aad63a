// A guest buffer handed to a host system call: the accessible prefix of [addr, addr+len) as a
// host pointer. Like the kernel, a call may use a buffer that is only partly mapped, as long
// as its first byte is; an empty request is always valid.
#pragma once

#include <cstdint>

#include "vm/runtime/syscalls/syscall_context.h"

namespace vm::runtime {

enum class Direction { ToGuest, FromGuest };

class GuestBuffer {
 public:
  GuestBuffer(SyscallContext& ctx, uint64_t addr, uint64_t len, Direction direction);
  explicit operator bool() const { return ok_; }
  uint8_t* data() const { return data_; }
  uint64_t size() const { return size_; }

 private:
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  bool ok_ = false;
};

}  // namespace vm::runtime
