// Flat guest memory: the guest address space [0, size) maps at a fixed offset into one host
// reservation, with a permission byte per 4 KiB guest page. Every access is checked against
// that byte, so guest faults are exact and no host signal handler is involved. A page that
// holds decoded guest code carries the kCode bit: stores to it notify the code cache first,
// which is how self-modifying code stays correct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>

#include "vm/mem/access.h"
#include "vm/mem/host/numa_allocator.h"

namespace vm::mem {

namespace perm {
inline constexpr uint8_t kRead = 1;
inline constexpr uint8_t kWrite = 2;
inline constexpr uint8_t kExec = 4;
inline constexpr uint8_t kCode = 8;     // page holds decoded code: writes must invalidate it
inline constexpr uint8_t kMapped = 16;  // page belongs to a mapping (possibly PROT_NONE)
inline constexpr uint8_t kRWX = kRead | kWrite | kExec;
}  // namespace perm

inline constexpr uint64_t kPageSize = 4096;
inline constexpr unsigned kPageShift = 12;
// Largest guest address space. The permission table always covers all of it and sits at a
// fixed distance below the guest base, so an engine's fast path needs one base register and
// compile-time constants only.
inline constexpr unsigned kMaxAddressBits = 36;
inline constexpr uint64_t kMaxAddressSpace = uint64_t{1} << kMaxAddressBits;
inline constexpr uint64_t kPermTableBytes = kMaxAddressSpace >> kPageShift;
inline constexpr uint64_t page_floor(uint64_t a) { return a & ~(kPageSize - 1); }
inline constexpr uint64_t page_ceil(uint64_t a) { return (a + kPageSize - 1) & ~(kPageSize - 1); }

class PagedBacking;
struct PagedConfig;

// How the host backs guest RAM.
struct HostBacking {
  host::NumaPolicy numa = host::NumaPolicy::local();
  bool huge_pages = false;  // 2 MiB-aligned and madvised for transparent huge pages
};

class GuestMemory {
 public:
  // Called with the page-aligned range [begin, end) before a store changes a code page.
  using CodeWriteHook = std::function<void(uint64_t begin, uint64_t end)>;

  // `size` (at most kMaxAddressSpace) is the accessible part of the address space.
  explicit GuestMemory(uint64_t size, const HostBacking& backing = {});
  // Paged mode: contents live in guest-physical frames behind a page table, and engine
  // accesses (load, store, fetch16) go through the TLB hierarchy. The fast path the
  // interpreter inlines always fails (its permission table stays empty), so every engine
  // access takes load()/store(). Runtime copies (read, write, poke, host_range) reach frames
  // through the page table directly, as a kernel does.
  GuestMemory(uint64_t size, const HostBacking& backing, const PagedConfig& paged);
  ~GuestMemory();
  GuestMemory(const GuestMemory&) = delete;
  GuestMemory& operator=(const GuestMemory&) = delete;

  uint64_t size() const { return size_; }
  bool paged() const { return paged_ != nullptr; }
  PagedBacking* paging() const { return paged_.get(); }
  // Where the host put guest RAM: the NUMA decision ("bind:0", "interleave:0,1") and how many
  // bytes of it the kernel backs with huge pages now (AnonHugePages of /proc/self/smaps).
  std::string numa_placement() const { return host::to_string(region_.decision); }
  bool huge_pages_advised() const { return region_.huge_pages_advised; }
  uint64_t huge_page_bytes() const;
  uint8_t* host_base() const { return base_; }
  // Byte p of the table at host_base() - kPermTableBytes is page p's permission byte.
  static constexpr uint64_t kPermTableOffset = kPermTableBytes;
  void set_code_write_hook(CodeWriteHook hook) { code_write_hook_ = std::move(hook); }

  // Page-granular mapping changes (addresses page-aligned, range inside the space).
  void map(uint64_t addr, uint64_t len, uint8_t prot);      // fresh zero-filled pages
  void unmap(uint64_t addr, uint64_t len);                  // pages become inaccessible and zero
  void protect(uint64_t addr, uint64_t len, uint8_t prot);  // keeps contents
  uint8_t page_perm(uint64_t addr) const { return perms_[addr >> kPageShift]; }
  // True when every page of the page-aligned range is part of a mapping / of none.
  bool all_mapped(uint64_t addr, uint64_t len) const;
  bool all_unmapped(uint64_t addr, uint64_t len) const;
  // Copies page contents and permissions (mremap); ranges page-aligned and disjoint.
  void move_pages(uint64_t from, uint64_t to, uint64_t len);
  void mark_code(uint64_t page_addr);
  void clear_code(uint64_t page_addr) { perms_[page_addr >> kPageShift] &= ~perm::kCode; }

  // True when every byte of [addr, addr+len) is accessible with `need` permission bits.
  bool accessible(uint64_t addr, uint64_t len, uint8_t need) const;

  // Typed access used by the engines; return false on a fault and leave `value` unchanged.
  template <typename T>
  bool load(uint64_t addr, T& value) const {
    if (paged_) return paged_load(addr, &value, sizeof(T), Access::Load);
    if (!fast_perm(addr, sizeof(T), perm::kRead) && !accessible(addr, sizeof(T), perm::kRead))
      return false;
    std::memcpy(&value, base_ + addr, sizeof(T));
    return true;
  }
  template <typename T>
  bool store(uint64_t addr, T value) {
    if (paged_) return paged_store(addr, &value, sizeof(T));
    if (fast_perm(addr, sizeof(T), perm::kWrite | perm::kCode) != perm::kWrite &&
        !prepare_store(addr, sizeof(T))) {
      return false;
    }
    std::memcpy(base_ + addr, &value, sizeof(T));
    return true;
  }
  // Host address of [addr, addr+len) (inside one page) for an engine's atomic
  // read-modify-write: needs read and write permission, invalidates code like a store, and in
  // paged mode translates through the TLB as a store (setting D). nullptr on a fault.
  uint8_t* atomic_range(uint64_t addr, uint64_t len);
  // Reads instruction bits for the decoder: needs kExec on every byte.
  bool fetch16(uint64_t addr, uint16_t& value) const;

  // Bulk copies used by the runtime (syscalls, loader); false on a fault, nothing partial
  // is reported as success.
  bool read(uint64_t addr, void* dst, uint64_t len) const;
  bool write(uint64_t addr, const void* src, uint64_t len);
  // Host pointer to [addr, addr+len) after checking `need` (and invalidating code on kWrite).
  // In paged mode the range must lie in one page (pages are not contiguous in the host);
  // otherwise nullptr. GuestBuffer handles longer ranges.
  uint8_t* host_range(uint64_t addr, uint64_t len, uint8_t need);
  // Writes ignoring page permissions (the loader fills read-only segments).
  bool poke(uint64_t addr, const void* src, uint64_t len);
  // Reads ignoring page permissions (a mapped range only).
  bool peek(uint64_t addr, void* dst, uint64_t len) const;

  // The page's permission bits under `mask` when [addr, addr+len) lies inside one page of
  // the space, else 0 (pages past size_ have no permissions, so one byte decides).
  uint8_t fast_perm(uint64_t addr, uint64_t len, uint8_t mask) const {
    return ((addr >> kMaxAddressBits) == 0 && (addr & (kPageSize - 1)) <= kPageSize - len)
               ? (perms_[addr >> kPageShift] & mask)
               : 0;
  }

 private:
  bool prepare_store(uint64_t addr, uint64_t len);
  bool paged_load(uint64_t addr, void* dst, uint64_t len, Access access) const;
  bool paged_store(uint64_t addr, const void* src, uint64_t len);
  // Copies between the host buffer and guest pages through the page table (runtime copies);
  // `to_guest` selects the direction. Permissions are the caller's business.
  bool kernel_copy(uint64_t addr, uint8_t* host, uint64_t len, bool to_guest) const;

  uint64_t size_;
  std::unique_ptr<host::NumaAllocator> allocator_;
  host::HostRegion region_;
  uint8_t* reservation_ = nullptr;  // permission table followed by the guest space
  std::unique_ptr<PagedBacking> paged_;
  uint8_t* vma_perms_ = nullptr;  // paged mode: the permission table, away from the engines
  uint8_t* perms_ = nullptr;
  uint8_t* base_ = nullptr;
  CodeWriteHook code_write_hook_;
};

}  // namespace vm::mem
