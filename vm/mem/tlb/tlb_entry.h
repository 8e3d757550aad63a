// One cached translation, as the L2 and L3 TLBs hold it: the virtual and physical page numbers
// of a leaf of any size, the address space it belongs to, and the leaf's PTE flags.
#pragma once

#include <cstdint>

#include "vm/mem/pagetable/pte.h"

namespace vm::mem::tlb {

struct TlbEntry {
  uint64_t vpn = 0;  // first 4 KiB virtual page of the leaf (va >> 12, aligned to its size)
  uint64_t ppn = 0;  // first 4 KiB physical page
  uint16_t asid = 0;
  uint8_t level = 0;  // 0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB
  uint8_t flags = 0;  // PTE bits 0..7 (R W X U G A D) as the walk left them
  bool valid = false;
  bool prefetched = false;  // filled by the prefetcher and not used yet

  bool global() const { return flags & pte::kGlobal; }
  // 4 KiB pages the leaf spans is 512^level; vpn4k is va >> 12.
  bool covers(uint64_t vpn4k) const { return (vpn4k >> (9 * level)) == (vpn >> (9 * level)); }
  bool matches(uint64_t vpn4k, uint16_t current_asid) const {
    return valid && (global() || asid == current_asid) && covers(vpn4k);
  }
  uint64_t pa(uint64_t va) const {
    const uint64_t bytes = uint64_t{4096} << (9 * level);
    return (ppn << 12) | (va & (bytes - 1));
  }
};

}  // namespace vm::mem::tlb
