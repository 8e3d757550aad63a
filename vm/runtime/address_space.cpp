#include "vm/runtime/address_space.h"

#include <algorithm>
#include <cerrno>

namespace vm::runtime {

using mem::kPageSize;
using mem::page_ceil;
using mem::page_floor;

AddressSpace::AddressSpace(mem::GuestMemory& memory, AddressLayout layout)
    : memory_(memory), layout_(layout), search_top_(layout.mmap_top) {}

void AddressSpace::account(int64_t delta_bytes) {
  mapped_bytes_ += delta_bytes;
  peak_mapped_bytes_ = std::max(peak_mapped_bytes_, mapped_bytes_);
}

void AddressSpace::set_program_end(uint64_t end) {
  brk_start_ = brk_ = end;
  layout_.mmap_bottom = end + kBrkReserve;
}

uint64_t AddressSpace::brk(uint64_t requested) {
  if (requested < brk_start_ || requested >= layout_.mmap_bottom) return brk_;
  const uint64_t old_end = page_ceil(brk_), new_end = page_ceil(requested);
  if (new_end > old_end) {
    if (!memory_.all_unmapped(old_end, new_end - old_end)) return brk_;
    memory_.map(old_end, new_end - old_end, mem::perm::kRead | mem::perm::kWrite);
    account(static_cast<int64_t>(new_end - old_end));
  } else if (new_end < old_end) {
    memory_.unmap(new_end, old_end - new_end);
    account(-static_cast<int64_t>(old_end - new_end));
  }
  brk_ = requested;
  return brk_;
}

uint64_t AddressSpace::find_free(uint64_t len) {
  // Start below the most recent placement, as Linux's free-area cache does; a miss there
  // retries from the top so holes left by munmap are found again.
  uint64_t found = find_free_below(search_top_, len);
  if (found == 0 && search_top_ != layout_.mmap_top) found = find_free_below(layout_.mmap_top, len);
  if (found != 0) search_top_ = found;
  return found;
}

uint64_t AddressSpace::find_free_below(uint64_t end, uint64_t len) const {
  while (end >= layout_.mmap_bottom + len) {
    // Walk down from `end` until a mapped page interrupts the run or the run is long enough.
    uint64_t start = end;
    while (end - start < len && !(memory_.page_perm(start - kPageSize) & mem::perm::kMapped)) {
      start -= kPageSize;
    }
    if (end - start >= len) return start;
    end = start - kPageSize;
    while (end > layout_.mmap_bottom && (memory_.page_perm(end - kPageSize) & mem::perm::kMapped)) {
      end -= kPageSize;
    }
  }
  return 0;
}

int64_t AddressSpace::map_anonymous(uint64_t hint, uint64_t len, uint8_t prot, bool fixed,
                                    bool noreplace) {
  if (len == 0) return -EINVAL;
  len = page_ceil(len);
  if (len == 0 || len > memory_.size()) return -ENOMEM;
  uint64_t addr = 0;
  if (fixed || noreplace) {
    if (hint % kPageSize) return -EINVAL;
    if (hint >= memory_.size() || len > memory_.size() - hint) return -ENOMEM;
    if (noreplace && !memory_.all_unmapped(hint, len)) return -EEXIST;
    addr = hint;
  } else {
    hint = page_floor(hint);
    if (hint != 0 && hint >= layout_.mmap_bottom && hint < memory_.size() &&
        len <= memory_.size() - hint && memory_.all_unmapped(hint, len)) {
      addr = hint;
    } else {
      addr = find_free(len);
      if (addr == 0) return -ENOMEM;
    }
  }
  for (uint64_t page = addr; page < addr + len; page += kPageSize) {
    if (memory_.page_perm(page) & mem::perm::kMapped) account(-static_cast<int64_t>(kPageSize));
  }
  memory_.map(addr, len, prot);
  account(static_cast<int64_t>(len));
  return static_cast<int64_t>(addr);
}

int64_t AddressSpace::unmap(uint64_t addr, uint64_t len) {
  if (addr % kPageSize || len == 0) return -EINVAL;
  len = page_ceil(len);
  if (addr >= memory_.size() || len > memory_.size() - addr) return -EINVAL;
  for (uint64_t page = addr; page < addr + len; page += kPageSize) {
    if (memory_.page_perm(page) & mem::perm::kMapped) account(-static_cast<int64_t>(kPageSize));
  }
  memory_.unmap(addr, len);
  if (addr + len <= layout_.mmap_top) search_top_ = std::max(search_top_, addr + len);
  return 0;
}

int64_t AddressSpace::protect(uint64_t addr, uint64_t len, uint8_t prot) {
  if (addr % kPageSize) return -EINVAL;
  len = page_ceil(len);
  if (len == 0) return 0;
  if (!memory_.all_mapped(addr, len)) return -ENOMEM;
  memory_.protect(addr, len, prot);
  return 0;
}

int64_t AddressSpace::remap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, bool may_move,
                            bool fixed, uint64_t new_addr) {
  if (old_addr % kPageSize || new_len == 0 || (fixed && !may_move)) return -EINVAL;
  old_len = page_ceil(old_len);
  new_len = page_ceil(new_len);
  if (old_len == 0) return -EINVAL;  // duplicating shared mappings is not possible here
  if (!memory_.all_mapped(old_addr, old_len)) return -EFAULT;
  const uint8_t prot = memory_.page_perm(old_addr) & mem::perm::kRWX;

  if (!fixed) {
    if (new_len <= old_len) {
      if (new_len < old_len) unmap(old_addr + new_len, old_len - new_len);
      return static_cast<int64_t>(old_addr);
    }
    const uint64_t grow_at = old_addr + old_len, grow_len = new_len - old_len;
    if (grow_at < memory_.size() && grow_len <= memory_.size() - grow_at &&
        memory_.all_unmapped(grow_at, grow_len)) {
      memory_.map(grow_at, grow_len, prot);
      account(static_cast<int64_t>(grow_len));
      return static_cast<int64_t>(old_addr);
    }
    if (!may_move) return -ENOMEM;
    new_addr = find_free(new_len);
    if (new_addr == 0) return -ENOMEM;
  } else {
    if (new_addr % kPageSize) return -EINVAL;
    if (new_addr < old_addr + old_len && old_addr < new_addr + new_len) return -EINVAL;
    unmap(new_addr, new_len);
  }
  const uint64_t kept = std::min(old_len, new_len);
  memory_.move_pages(old_addr, new_addr, kept);
  if (new_len > kept) memory_.map(new_addr + kept, new_len - kept, prot);
  if (old_len > kept) memory_.unmap(old_addr + kept, old_len - kept);
  account(static_cast<int64_t>(new_len) - static_cast<int64_t>(old_len));
  return static_cast<int64_t>(new_addr);
}

}  // namespace vm::runtime
