#include "vm/runtime/syscalls/guest_buffer.h"

#include <algorithm>

namespace vm::runtime {

GuestBuffer::GuestBuffer(SyscallContext& ctx, uint64_t addr, uint64_t len, Direction direction)
    : memory_(ctx.memory), addr_(addr), direction_(direction) {
  mem::GuestMemory& memory = ctx.memory;
  if (len == 0) {
    ok_ = true;
    data_ = memory.host_base();
    return;
  }
  const uint8_t need = direction == Direction::ToGuest ? mem::perm::kWrite : mem::perm::kRead;
  // Clamp to the accessible prefix, page by page.
  uint64_t usable = 0;
  for (uint64_t page = mem::page_floor(addr); usable < len; page += mem::kPageSize) {
    if (page >= memory.size() || (memory.page_perm(page) & need) != need) break;
    usable = std::min(len, page + mem::kPageSize - addr);
  }
  if (usable == 0) return;
  if (memory.paged() && (addr & (mem::kPageSize - 1)) + usable > mem::kPageSize) {
    bounce_.resize(usable);
    if (!memory.peek(addr, bounce_.data(), usable)) return;
    data_ = bounce_.data();
    size_ = usable;
    ok_ = true;
    return;
  }
  data_ = memory.host_range(addr, usable, need);
  if (data_ == nullptr) return;
  size_ = usable;
  ok_ = true;
}

GuestBuffer::~GuestBuffer() {
  if (ok_ && !bounce_.empty() && direction_ == Direction::ToGuest) {
    memory_.write(addr_, bounce_.data(), bounce_.size());
  }
}

}  // namespace vm::runtime
