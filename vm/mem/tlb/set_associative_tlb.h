// A set-associative TLB (the L2, and each shard of the shared L3): sets × ways entries, a
// replacement policy per structure, ASID tags and leaves of every size. A leaf of level L is
// indexed by its VPN bits above 9·L, so a lookup probes one set per page size that is present.
// Not synchronised: the shared L3 locks around it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "vm/mem/tlb/replacement_policy.h"
#include "vm/mem/tlb/tlb_entry.h"
#include "vm/mem/tlb/tlb_stats.h"

namespace vm::mem::tlb {

class SetAssociativeTlb {
 public:
  // entries = sets × ways; sets must be a power of two. Throws std::invalid_argument.
  // index_shift: low index bits already used to pick this structure (a shard of the L3).
  SetAssociativeTlb(uint32_t entries, uint32_t ways, PolicyKind policy, uint64_t seed,
                    unsigned index_shift = 0);

  uint32_t sets() const { return sets_; }
  uint32_t ways() const { return ways_; }
  PolicyKind policy() const { return policy_->kind(); }

  // The entry covering va >> 12 for `asid` (global entries match any ASID), or nullptr;
  // counts a lookup. The pointer is valid until the next fill or flush. (A pointer, not a
  // copy: returning std::optional<TlbEntry> made GCC assemble the copy through the stack with
  // mismatched store and load sizes, a store-forwarding stall that was 40% of an L2 hit.)
  const TlbEntry* lookup(uint64_t vpn4k, uint16_t asid, PrefetchStats* prefetch = nullptr);
  // The entry of page size `level` covering the page, if any: updates the replacement state
  // but counts no lookup (the shared L3 probes its shards level by level).
  const TlbEntry* probe(uint64_t vpn4k, uint16_t asid, unsigned level,
                        PrefetchStats* prefetch = nullptr);
  bool holds_level(unsigned level) const { return valid_per_level_[level] != 0; }
  // Inserts (replacing an entry for the same page and ASID if present); returns the evicted
  // valid entry, if any.
  std::optional<TlbEntry> fill(const TlbEntry& entry, PrefetchStats* prefetch = nullptr);
  // True when an entry covers the page (no statistics, no replacement update).
  bool contains(uint64_t vpn4k, uint16_t asid) const;

  void flush_all(PrefetchStats* prefetch = nullptr);
  // Non-global entries of `asid`.
  void flush_asid(uint16_t asid, PrefetchStats* prefetch = nullptr);
  // Entries covering va >> 12: of every ASID, global ones included, when asid is empty
  // (sfence.vma rs1, x0); else only non-global entries of `asid` (sfence.vma rs1, rs2 does not
  // order accesses to global mappings).
  // `only_level` restricts the flush to leaves of one size.
  void flush_address(uint64_t vpn4k, std::optional<uint16_t> asid,
                     PrefetchStats* prefetch = nullptr,
                     std::optional<unsigned> only_level = std::nullopt);

  const TlbLevelStats& stats() const { return stats_; }

 private:
  uint32_t set_of(uint64_t vpn4k, unsigned level) const {
    return static_cast<uint32_t>(((vpn4k >> (9 * level)) >> index_shift_) & (sets_ - 1));
  }
  TlbEntry& at(uint32_t set, uint32_t way) { return entries_[size_t{set} * ways_ + way]; }
  const TlbEntry& at(uint32_t set, uint32_t way) const {
    return entries_[size_t{set} * ways_ + way];
  }
  std::optional<uint32_t> find(uint32_t set, uint64_t vpn4k, uint16_t asid, unsigned level) const;
  template <typename Predicate>
  void remove_if(Predicate remove, PrefetchStats* prefetch);
  void drop(uint32_t set, uint32_t way, PrefetchStats* prefetch);

  uint32_t sets_;
  uint32_t ways_;
  unsigned index_shift_;
  std::vector<TlbEntry> entries_;
  std::unique_ptr<ReplacementPolicy> policy_;
  std::array<uint32_t, 4> valid_per_level_{};  // which page sizes need a probe
  TlbLevelStats stats_;
};

}  // namespace vm::mem::tlb
