#include "vm/mem/guest_memory.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "vm/mem/host/transparent_huge_pages.h"
#include "vm/mem/memcpy/memcpy.h"
#include "vm/mem/paged_backing.h"

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

GuestMemory::GuestMemory(uint64_t size, const HostBacking& backing, const PagedConfig& paged)
    : GuestMemory(size, backing) {
  paged_ = std::make_unique<PagedBacking>(
      paged, *allocator_, host::MemoryPoolOptions{.huge_pages = backing.huge_pages});
  // The process's permission table moves away from the spot below the guest base that the
  // engines' inline checks read, so those checks always fail and take the translated path.
  void* p = mmap(nullptr, kPermTableBytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::runtime_error("cannot reserve the page permission table");
  vma_perms_ = static_cast<uint8_t*>(p);
  perms_ = vma_perms_;
}

GuestMemory::~GuestMemory() {
  if (vma_perms_ != nullptr) munmap(vma_perms_, kPermTableBytes);
  allocator_->deallocate(region_);
}

void GuestMemory::mark_code(uint64_t page_addr) {
  perms_[page_addr >> kPageShift] |= perm::kCode;
  if (paged_) paged_->revoke_fast_stores(page_addr);
}

bool GuestMemory::paged_load(uint64_t addr, void* dst, uint64_t len, Access access) const {
  if (!accessible(addr, len, access == Access::Fetch ? perm::kExec : perm::kRead)) return false;
  auto* out = static_cast<uint8_t*>(dst);
  while (len > 0) {
    const uint64_t chunk = std::min(len, kPageSize - (addr & (kPageSize - 1)));
    const uint8_t p = perms_[addr >> kPageShift];
    const uint8_t* host = paged_->translate(addr, access, p & perm::kRWX, p & perm::kCode);
    if (host == nullptr) return false;
    std::memcpy(out, host, chunk);
    out += chunk;
    addr += chunk;
    len -= chunk;
  }
  return true;
}

bool GuestMemory::paged_store(uint64_t addr, const void* src, uint64_t len) {
  if (!prepare_store(addr, len)) return false;
  const auto* in = static_cast<const uint8_t*>(src);
  while (len > 0) {
    const uint64_t chunk = std::min(len, kPageSize - (addr & (kPageSize - 1)));
    const uint8_t p = perms_[addr >> kPageShift];
    uint8_t* host = paged_->translate(addr, Access::Store, p & perm::kRWX, p & perm::kCode);
    if (host == nullptr) return false;
    std::memcpy(host, in, chunk);
    in += chunk;
    addr += chunk;
    len -= chunk;
  }
  return true;
}

bool GuestMemory::kernel_copy(uint64_t addr, uint8_t* host, uint64_t len, bool to_guest) const {
  while (len > 0) {
    const uint64_t page = page_floor(addr);
    const uint64_t chunk = std::min(len, page + kPageSize - addr);
    uint8_t* frame = paged_->kernel_page(page, perms_[page >> kPageShift] & perm::kRWX);
    if (frame == nullptr) return false;
    if (to_guest) {
      guest_memcpy(frame + (addr - page), host, chunk);
    } else {
      guest_memcpy(host, frame + (addr - page), chunk);
    }
    host += chunk;
    addr += chunk;
    len -= chunk;
  }
  return true;
}

uint64_t GuestMemory::huge_page_bytes() const {
  // Paged mode keeps guest pages in the pool's chunks, not in the flat reservation.
  if (paged_) return host::measure_smaps(paged_->pool().chunk_ranges()).anon_huge_pages_bytes;
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
  if (paged_) {
    for (uint64_t off = 0; off < len; off += kPageSize) paged_->move_page(from + off, to + off);
  } else {
    guest_memcpy(base_ + to, base_ + from, len);
  }
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
  if (paged_) {
    for (uint64_t page = addr; page < addr + len; page += kPageSize) {
      if (perms_[page >> kPageShift] & perm::kMapped) paged_->unmap_page(page);
    }
  } else {
    // Returns the host pages to the kernel; the next touch reads zeros, as a fresh mapping
    // must.
    madvise(base_ + addr, len, MADV_DONTNEED);
  }
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
    if (paged_ && (p & perm::kMapped)) paged_->protect_page(page, prot & perm::kRWX);
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
  if (paged_) return paged_load(addr, &value, 2, Access::Fetch);
  if (!accessible(addr, 2, perm::kExec)) return false;
  std::memcpy(&value, base_ + addr, 2);
  return true;
}

bool GuestMemory::read(uint64_t addr, void* dst, uint64_t len) const {
  if (!accessible(addr, len, perm::kRead)) return false;
  if (paged_) return kernel_copy(addr, static_cast<uint8_t*>(dst), len, false);
  guest_memcpy(dst, base_ + addr, len);
  return true;
}

bool GuestMemory::write(uint64_t addr, const void* src, uint64_t len) {
  if (!prepare_store(addr, len)) return false;
  if (paged_) {
    return kernel_copy(addr, const_cast<uint8_t*>(static_cast<const uint8_t*>(src)), len, true);
  }
  guest_memcpy(base_ + addr, src, len);
  return true;
}

uint8_t* GuestMemory::host_range(uint64_t addr, uint64_t len, uint8_t need) {
  if (need & perm::kWrite) {
    if (!prepare_store(addr, len)) return nullptr;
  } else if (!accessible(addr, len, need)) {
    return nullptr;
  }
  if (paged_) {
    if (len > kPageSize - (addr & (kPageSize - 1))) return nullptr;
    uint8_t* frame = paged_->kernel_page(page_floor(addr), perms_[addr >> kPageShift] & perm::kRWX);
    return frame == nullptr ? nullptr : frame + (addr & (kPageSize - 1));
  }
  return base_ + addr;
}

uint8_t* GuestMemory::atomic_range(uint64_t addr, uint64_t len) {
  if (!paged_) return host_range(addr, len, perm::kRead | perm::kWrite);
  if (len > kPageSize - (addr & (kPageSize - 1)) || !accessible(addr, len, perm::kRead) ||
      !prepare_store(addr, len)) {
    return nullptr;
  }
  const uint8_t p = perms_[addr >> kPageShift];
  return paged_->translate(addr, Access::Store, p & perm::kRWX, p & perm::kCode);
}

bool GuestMemory::poke(uint64_t addr, const void* src, uint64_t len) {
  if (addr >= size_ || len > size_ - addr) return false;
  if (paged_) {
    return kernel_copy(addr, const_cast<uint8_t*>(static_cast<const uint8_t*>(src)), len, true);
  }
  guest_memcpy(base_ + addr, src, len);
  return true;
}

bool GuestMemory::peek(uint64_t addr, void* dst, uint64_t len) const {
  if (!all_mapped(page_floor(addr), page_ceil(addr + len) - page_floor(addr))) return false;
  if (paged_) return kernel_copy(addr, static_cast<uint8_t*>(dst), len, false);
  guest_memcpy(dst, base_ + addr, len);
  return true;
}

}  // namespace vm::mem
