// A first-level TLB (one for instruction fetch, one for data, per vCPU): direct-mapped,
// indexed by (va >> 12) & (entries - 1), with QEMU softmmu-style entries so the engines' fast
// path is one load, one mask and one compare: a tag per access kind holds the page's VA when
// that access may use the entry (never-matching otherwise), and host = va + addend.
// It holds the current address space only: switching ASID empties it (L2 and L3 are ASID-tagged).
#pragma once

#include <cstdint>
#include <vector>

#include "vm/mem/tlb/tlb_entry.h"

namespace vm::mem::tlb {

// One cache line each, so the inline check touches one line and indexes with a shift.
struct alignas(64) L1Entry {
  static constexpr uint64_t kNoMatch = ~uint64_t{0};  // a masked address never equals it
  uint64_t tag_load = kNoMatch;
  uint64_t tag_store = kNoMatch;  // only when W and D are set and the page holds no code
  uint64_t tag_fetch = kNoMatch;
  uint64_t addend = 0;  // host address minus guest VA, for this page
  uint64_t page_pa = 0;
  uint64_t leaf_vpn = 0;  // the leaf it came from, for flushes of superpages
  uint8_t leaf_level = 0;
};

// What the fast path compares: the address with the page offset cleared except the bits that
// make an access of `size` bytes misaligned, so misaligned accesses (which may cross a page)
// never match and take the slow path.
inline constexpr uint64_t l1_tag_of(uint64_t va, uint64_t size) {
  return va & (~uint64_t{4095} | (size - 1));
}

class L1Tlb {
 public:
  explicit L1Tlb(uint32_t entries);  // a power of two; throws std::invalid_argument

  uint32_t size() const { return static_cast<uint32_t>(entries_.size()); }
  const L1Entry* table() const { return entries_.data(); }
  uint64_t index_mask() const { return entries_.size() - 1; }
  const L1Entry& entry_for(uint64_t va) const { return entries_[(va >> 12) & index_mask()]; }

  // Caches the 4 KiB page of `va` from `leaf`: `host_page` is the host address of that page;
  // the allow_* flags say which accesses may use the entry without the slow path. Returns
  // true when the fill evicted another page's valid entry.
  bool fill(uint64_t va, const TlbEntry& leaf, uint8_t* host_page, bool allow_load,
            bool allow_store, bool allow_fetch);
  // Drops store permission for the page (it now holds decoded code).
  void revoke_store(uint64_t va);
  // Both return how many valid entries they dropped.
  uint64_t flush_all();
  // Entries whose leaf covers the page (a superpage leaf may sit in many entries).
  uint64_t flush_address(uint64_t vpn4k);

 private:
  std::vector<L1Entry> entries_;
};

}  // namespace vm::mem::tlb
