#include "vm/mem/tlb/set_associative_tlb.h"

#include <stdexcept>
#include <string>

namespace vm::mem::tlb {

SetAssociativeTlb::SetAssociativeTlb(uint32_t entries, uint32_t ways, PolicyKind policy,
                                     uint64_t seed, unsigned index_shift)
    : index_shift_(index_shift) {
  if (ways == 0 || entries == 0 || entries % ways != 0) {
    throw std::invalid_argument("TLB of " + std::to_string(entries) + " entries cannot have " +
                                std::to_string(ways) + " ways");
  }
  sets_ = entries / ways;
  ways_ = ways;
  if ((sets_ & (sets_ - 1)) != 0) {
    throw std::invalid_argument("TLB sets (entries / ways = " + std::to_string(sets_) +
                                ") must be a power of two");
  }
  entries_.resize(entries);
  policy_ = make_policy(policy, sets_, ways_, seed);
}

std::optional<uint32_t> SetAssociativeTlb::find(uint32_t set, uint64_t vpn4k, uint16_t asid,
                                                unsigned level) const {
  for (uint32_t way = 0; way < ways_; ++way) {
    if (at(set, way).level == level && at(set, way).matches(vpn4k, asid)) return way;
  }
  return std::nullopt;
}

const TlbEntry* SetAssociativeTlb::probe(uint64_t vpn4k, uint16_t asid, unsigned level,
                                         PrefetchStats* prefetch) {
  if (valid_per_level_[level] == 0) return nullptr;
  const uint32_t set = set_of(vpn4k, level);
  const auto way = find(set, vpn4k, asid, level);
  if (!way) return nullptr;
  policy_->on_hit(set, *way);
  TlbEntry& e = at(set, *way);
  if (e.prefetched) {
    e.prefetched = false;
    if (prefetch != nullptr) ++prefetch->useful;
  }
  return &e;
}

const TlbEntry* SetAssociativeTlb::lookup(uint64_t vpn4k, uint16_t asid, PrefetchStats* prefetch) {
  ++stats_.lookups;
  for (unsigned level = 0; level < valid_per_level_.size(); ++level) {
    if (const TlbEntry* hit = probe(vpn4k, asid, level, prefetch)) {
      ++stats_.hits;
      return hit;
    }
  }
  ++stats_.misses;
  return nullptr;
}

bool SetAssociativeTlb::contains(uint64_t vpn4k, uint16_t asid) const {
  for (unsigned level = 0; level < valid_per_level_.size(); ++level) {
    if (valid_per_level_[level] != 0 && find(set_of(vpn4k, level), vpn4k, asid, level)) return true;
  }
  return false;
}

std::optional<TlbEntry> SetAssociativeTlb::fill(const TlbEntry& entry, PrefetchStats* prefetch) {
  ++stats_.fills;
  const uint32_t set = set_of(entry.vpn, entry.level);
  std::optional<uint32_t> target;
  for (uint32_t way = 0; way < ways_ && !target; ++way) {
    const TlbEntry& e = at(set, way);
    if (e.valid && e.vpn == entry.vpn && e.level == entry.level &&
        (e.asid == entry.asid || (e.global() && entry.global()))) {
      target = way;  // the same translation again: refresh it in place
    }
  }
  for (uint32_t way = 0; way < ways_ && !target; ++way) {
    if (!at(set, way).valid) target = way;
  }
  std::optional<TlbEntry> evicted;
  if (!target) {
    target = policy_->victim(set);
    evicted = at(set, *target);
    ++stats_.evictions;
  }
  TlbEntry& slot = at(set, *target);
  if (slot.valid) {
    if (slot.prefetched && prefetch != nullptr) ++prefetch->useless;
    --valid_per_level_[slot.level];
  }
  slot = entry;
  slot.valid = true;
  ++valid_per_level_[slot.level];
  policy_->on_fill(set, *target);
  return evicted;
}

void SetAssociativeTlb::drop(uint32_t set, uint32_t way, PrefetchStats* prefetch) {
  TlbEntry& e = at(set, way);
  if (e.prefetched && prefetch != nullptr) ++prefetch->useless;
  --valid_per_level_[e.level];
  e.valid = false;
  e.prefetched = false;
  policy_->on_invalidate(set, way);
  ++stats_.entries_flushed;
}

template <typename Predicate>
void SetAssociativeTlb::remove_if(Predicate remove, PrefetchStats* prefetch) {
  ++stats_.flushes;
  for (uint32_t set = 0; set < sets_; ++set) {
    for (uint32_t way = 0; way < ways_; ++way) {
      if (at(set, way).valid && remove(at(set, way))) drop(set, way, prefetch);
    }
  }
}

void SetAssociativeTlb::flush_all(PrefetchStats* prefetch) {
  remove_if([](const TlbEntry&) { return true; }, prefetch);
}

void SetAssociativeTlb::flush_asid(uint16_t asid, PrefetchStats* prefetch) {
  remove_if([asid](const TlbEntry& e) { return !e.global() && e.asid == asid; }, prefetch);
}

void SetAssociativeTlb::flush_address(uint64_t vpn4k, std::optional<uint16_t> asid,
                                      PrefetchStats* prefetch, std::optional<unsigned> only_level) {
  ++stats_.flushes;
  // Only the sets a leaf covering the page can sit in: one per page size present.
  for (unsigned level = 0; level < valid_per_level_.size(); ++level) {
    if (valid_per_level_[level] == 0 || (only_level && level != *only_level)) continue;
    const uint32_t set = set_of(vpn4k, level);
    for (uint32_t way = 0; way < ways_; ++way) {
      const TlbEntry& e = at(set, way);
      if (e.valid && e.level == level && e.covers(vpn4k) &&
          (!asid || (!e.global() && e.asid == *asid))) {
        drop(set, way, prefetch);
      }
    }
  }
}

}  // namespace vm::mem::tlb
