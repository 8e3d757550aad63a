// The guest process's view of its address space, as Linux keeps it for a process: where the
// program break is, where new mappings go, and the rules of mmap/munmap/mprotect/mremap/brk.
// Page state itself lives in GuestMemory; this class decides placement and validates requests.
#pragma once

#include <cstdint>

#include "vm/mem/guest_memory.h"

namespace vm::runtime {

struct AddressLayout {
  uint64_t stack_top = 0;  // initial stack pointer region ends here
  uint64_t stack_size = 0;
  uint64_t mmap_top = 0;     // mappings without a hint are placed below this, top-down
  uint64_t mmap_bottom = 0;  // and above this
};

class AddressSpace {
 public:
  AddressSpace(mem::GuestMemory& memory, AddressLayout layout);

  const AddressLayout& layout() const { return layout_; }
  mem::GuestMemory& memory() { return memory_; }

  // The program break starts at `end`; brk may grow it by up to kBrkReserve, and mmap
  // placement stays above that reserve.
  static constexpr uint64_t kBrkReserve = uint64_t{1} << 30;
  void set_program_end(uint64_t end);
  uint64_t program_break() const { return brk_; }
  // brk(2): returns the new break, or the old one when the request cannot be honoured.
  uint64_t brk(uint64_t requested);

  // Anonymous mapping; returns the address or a negative errno. `prot` in mem::perm bits.
  int64_t map_anonymous(uint64_t hint, uint64_t len, uint8_t prot, bool fixed, bool noreplace);
  int64_t unmap(uint64_t addr, uint64_t len);
  int64_t protect(uint64_t addr, uint64_t len, uint8_t prot);
  int64_t remap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, bool may_move, bool fixed,
                uint64_t new_addr);

  uint64_t mapped_bytes() const { return mapped_bytes_; }
  uint64_t peak_mapped_bytes() const { return peak_mapped_bytes_; }

 private:
  // Highest free range of `len` bytes inside [mmap_bottom, mmap_top), or 0 when none.
  uint64_t find_free(uint64_t len);
  uint64_t find_free_below(uint64_t end, uint64_t len) const;
  void account(int64_t delta_bytes);

  mem::GuestMemory& memory_;
  AddressLayout layout_;
  uint64_t search_top_;
  uint64_t brk_start_ = 0;
  uint64_t brk_ = 0;
  uint64_t mapped_bytes_ = 0;
  uint64_t peak_mapped_bytes_ = 0;
};

}  // namespace vm::runtime
