#include "vm/mem/guest_memory.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "vm/mem/host/transparent_huge_pages.h"
#include "vm/mem/memcpy/memcpy.h"

namespace vm::mem {
GuestMemory::GuestMemory(uint64_t size, const HostBacking& backing) : size_(page_ceil(size)) {
  if (size_ == 0 || size_ > kMaxAddressSpace) {
    throw std::invalid_argument("guest address space must be between 4 KiB and 64 GiB");
  }
  allocator_ =
      std::make_unique<host::NumaAllocator>(host::HostTopology::this_system(), backing.numa);
  // No reserve: the reservation is mostly never touched; the kernel backs pages lazily. The
  // permission table is 16 MiB, so with huge pages the guest base stays 2 MiB-aligned too.
  region_ = allocator_->allocate(kPermTableBytes + size_,
                                 {.huge_pages = backing.huge_pages, .no_reserve = true});
  reservation_ = reinterpret_cast<uint8_t*>(region_.data);
  perms_ = reservation_;
  base_ = reservation_ + kPermTableBytes;
}

GuestMemory::~GuestMemory() { allocator_->deallocate(region_); }

uint64_t GuestMemory::huge_page_bytes() const {
  return host::measure_smaps(region_.data, region_.size).anon_huge_pages_bytes;
}

void GuestMemory::map(uint64_t addr, uint64_t len, uint8_t prot) {
  unmap(addr, len);
  std::memset(perms_ + (addr >> kPageShift), (prot & perm::kRWX) | perm::kMapped,
              len >> kPageShift);
}

bool GuestMemory::all_mapped(uint64_t addr, uint64_t len) const {
  if (addr >= size_ || len > size_ - addr) return false;
  for (uint64_t page = addr; page < addr + len; page += kPageSize) {
    if (!(perms_[page >> kPageShift] & perm::kMapped)) return false;
  }
  return true;
}

bool GuestMemory::all_unmapped(uint64_t addr, uint64_t len) const {
  if (addr >= size_ || len > size_ - addr) return false;
  for (uint64_t page = addr; page < addr + len; page += kPageSize) {
    if (perms_[page >> kPageShift] & perm::kMapped) return false;
  }
  return true;
}

void GuestMemory::move_pages(uint64_t from, uint64_t to, uint64_t len) {
  map(to, len, perm::kRWX);
  guest_memcpy(base_ + to, base_ + from, len);
  for (uint64_t off = 0; off < len; off += kPageSize) {
    perms_[(to + off) >> kPageShift] = perms_[(from + off) >> kPageShift] & ~perm::kCode;
  }
  unmap(from, len);
}

void GuestMemory::unmap(uint64_t addr, uint64_t len) {
  for (uint64_t page = addr; page < addr + len; page += kPageSize) {
    if (perms_[page >> kPageShift] & perm::kCode && code_write_hook_) {
      code_write_hook_(page, page + kPageSize);
    }
  }
  // Returns the host pages to the kernel; the next touch reads zeros, as a fresh mapping must.
  madvise(base_ + addr, len, MADV_DONTNEED);
  std::memset(perms_ + (addr >> kPageShift), 0, len >> kPageShift);
}

void GuestMemory::protect(uint64_t addr, uint64_t len, uint8_t prot) {
  for (uint64_t page = addr; page < addr + len; page += kPageSize) {
    uint8_t& p = perms_[page >> kPageShift];
    // Decoded code (including a recorded fetch fault) depends on the page's permissions.
    if ((p & perm::kCode) && (p & perm::kRWX) != (prot & perm::kRWX)) {
      if (code_write_hook_) code_write_hook_(page, page + kPageSize);
      p &= ~perm::kCode;
    }
    p = (p & (perm::kCode | perm::kMapped)) | (prot & perm::kRWX);
  }
}

bool GuestMemory::accessible(uint64_t addr, uint64_t len, uint8_t need) const {
  if (len == 0) return addr <= size_;
  if (addr >= size_ || len > size_ - addr) return false;
  for (uint64_t page = page_floor(addr); page < addr + len; page += kPageSize) {
    if ((perms_[page >> kPageShift] & need) != need) return false;
  }
  return true;
}

bool GuestMemory::prepare_store(uint64_t addr, uint64_t len) {
  if (!accessible(addr, len, perm::kWrite)) return false;
  for (uint64_t page = page_floor(addr); page < addr + len; page += kPageSize) {
    uint8_t& p = perms_[page >> kPageShift];
    if (p & perm::kCode) {
      if (code_write_hook_) code_write_hook_(page, page + kPageSize);
      p &= ~perm::kCode;
    }
  }
  return true;
}

bool GuestMemory::fetch16(uint64_t addr, uint16_t& value) const {
  if (!accessible(addr, 2, perm::kExec)) return false;
  std::memcpy(&value, base_ + addr, 2);
  return true;
}

bool GuestMemory::read(uint64_t addr, void* dst, uint64_t len) const {
  if (!accessible(addr, len, perm::kRead)) return false;
  guest_memcpy(dst, base_ + addr, len);
  return true;
}

bool GuestMemory::write(uint64_t addr, const void* src, uint64_t len) {
  if (!prepare_store(addr, len)) return false;
  guest_memcpy(base_ + addr, src, len);
  return true;
}

uint8_t* GuestMemory::host_range(uint64_t addr, uint64_t len, uint8_t need) {
  if (need & perm::kWrite) {
    if (!prepare_store(addr, len)) return nullptr;
  } else if (!accessible(addr, len, need)) {
    return nullptr;
  }
  return base_ + addr;
}

bool GuestMemory::poke(uint64_t addr, const void* src, uint64_t len) {
  if (addr >= size_ || len > size_ - addr) return false;
  guest_memcpy(base_ + addr, src, len);
  return true;
}

}  // namespace vm::mem
