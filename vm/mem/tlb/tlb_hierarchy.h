// One vCPU's view of address translation: L1 ITLB and DTLB (direct-mapped, private), a unified
// set-associative L2 (private), the shared L3, then the page-table walk. Misses fill every
// level on the way back; faults are never cached. Flushes follow sfence.vma: all, by ASID,
// by address (with or without an ASID), and reach the shared L3 too.
#pragma once

#include <cstdint>
#include <optional>

#include "vm/mem/access.h"
#include "vm/mem/pagetable/page_walker.h"
#include "vm/mem/physical_memory.h"
#include "vm/mem/tlb/l1_tlb.h"
#include "vm/mem/tlb/set_associative_tlb.h"
#include "vm/mem/tlb/shared_tlb.h"
#include "vm/mem/tlb/tlb_prefetcher.h"

namespace vm::mem::tlb {

struct TlbConfig {
  uint32_t l1i_entries = 64;
  // 256 like QEMU's softmmu TLB, which this L1 is modelled on: with 64 direct-mapped entries
  // sort_search missed 14% of its accesses (1.6 M L2 hits) and ran 1.6x its flat time;
  // with 256, 1.6% and 1.2x.
  uint32_t l1d_entries = 256;
  uint32_t l2_entries = 1024;
  uint32_t l2_ways = 8;
  PolicyKind l2_policy = PolicyKind::Lru;
  uint32_t l3_entries = 8192;
  uint32_t l3_ways = 16;
  PolicyKind l3_policy = PolicyKind::Lru;
  PrefetchKind prefetch = PrefetchKind::None;
  uint64_t seed = 1;  // of the random and adaptive policies
};

struct TlbHierarchyStats {
  TlbLevelStats l1i, l1d, l2, l3;
  WalkStats walk;
  PrefetchStats prefetch;
};

struct TranslateResult {
  TranslationFault fault = TranslationFault::None;
  uint64_t pa = 0;
  uint8_t* host = nullptr;  // host address of va
  bool ok() const { return fault == TranslationFault::None; }
};

class TlbHierarchy {
 public:
  TlbHierarchy(const TlbConfig& config, SharedTlb& l3, PhysicalMemory& ram);

  // satp: the root table, its scheme and ASID. Empties the L1s (they hold one address space).
  void set_address_space(PagingMode mode, uint64_t root, uint16_t asid);
  uint16_t asid() const { return asid_; }

  L1Tlb& itlb() { return itlb_; }
  L1Tlb& dtlb() { return dtlb_; }

  // The full lookup of one access (the engines' fast path only covers aligned L1 hits).
  // `store_in_l1`: false keeps stores to this page on the slow path (it holds decoded code).
  TranslateResult translate(uint64_t va, Access access, bool store_in_l1 = true);

  void flush_all();
  void flush_asid(uint16_t asid);
  void flush_address(uint64_t va, std::optional<uint16_t> asid);

  // L1 hits the engines' inline lookups made; they add them here.
  uint64_t l1i_fast_hits = 0;
  uint64_t l1d_fast_hits = 0;
  TlbHierarchyStats stats() const;

 private:
  WalkRequest request(uint64_t va, Access access) const;
  bool usable(const TlbEntry& leaf, Access access) const;
  void flush_l1(bool all, uint64_t vpn4k);
  TranslateResult use(const TlbEntry& leaf, uint64_t va, Access access, bool store_in_l1);
  void prefetch_after_miss(uint64_t vpn4k);

  PhysicalMemory& ram_;
  SharedTlb& l3_;
  L1Tlb itlb_;
  L1Tlb dtlb_;
  SetAssociativeTlb l2_;
  TlbPrefetcher prefetcher_;
  PagingMode mode_ = PagingMode::Sv39;
  uint64_t root_ = 0;
  uint16_t asid_ = 0;
  TlbLevelStats l1i_, l1d_;  // slow-path part of the L1 counts
  WalkStats walk_;
  PrefetchStats prefetch_;
};

}  // namespace vm::mem::tlb
