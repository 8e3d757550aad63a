#include "vm/mem/tlb/shared_tlb.h"

#include <bit>
#include <stdexcept>
#include <string>

namespace vm::mem::tlb {

SharedTlb::SharedTlb(uint32_t entries, uint32_t ways, PolicyKind policy, uint64_t seed)
    : entries_(entries), ways_(ways) {
  if (ways == 0 || entries % ways != 0 || entries / ways < kShards) {
    throw std::invalid_argument("shared TLB of " + std::to_string(entries) + " entries and " +
                                std::to_string(ways) + " ways needs at least " +
                                std::to_string(kShards) + " sets");
  }
  constexpr unsigned kShardBits = std::countr_zero(kShards);
  for (uint32_t i = 0; i < kShards; ++i) {
    auto shard = std::make_unique<Shard>();
    shard->tlb =
        std::make_unique<SetAssociativeTlb>(entries / kShards, ways, policy, seed + i, kShardBits);
    shards_.push_back(std::move(shard));
  }
}

std::optional<TlbEntry> SharedTlb::lookup(uint64_t vpn4k, uint16_t asid) {
  lookups_.fetch_add(1, std::memory_order_relaxed);
  for (unsigned level = 0; level < 4; ++level) {
    // Superpage sizes never filled need no probe (and no lock): Linux user mappings here are
    // 4 KiB pages, so a miss takes one lock instead of four.
    if (level > 0 && !filled_level_[level].load(std::memory_order_acquire)) continue;
    Shard& shard = shard_of(vpn4k, level);
    std::lock_guard lock(shard.mutex);
    if (const TlbEntry* hit = shard.tlb->probe(vpn4k, asid, level)) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return *hit;  // a copy, taken under the shard's lock
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

void SharedTlb::fill(const TlbEntry& entry) {
  if (entry.level > 0) filled_level_[entry.level].store(true, std::memory_order_release);
  Shard& shard = shard_of(entry.vpn, entry.level);
  std::lock_guard lock(shard.mutex);
  shard.tlb->fill(entry);
}

void SharedTlb::flush_all() {
  flushes_.fetch_add(1, std::memory_order_relaxed);
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    shard->tlb->flush_all();
  }
}

void SharedTlb::flush_asid(uint16_t asid) {
  flushes_.fetch_add(1, std::memory_order_relaxed);
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    shard->tlb->flush_asid(asid);
  }
}

void SharedTlb::flush_address(uint64_t vpn4k, std::optional<uint16_t> asid) {
  flushes_.fetch_add(1, std::memory_order_relaxed);
  for (unsigned level = 0; level < 4; ++level) {
    Shard& shard = shard_of(vpn4k, level);
    std::lock_guard lock(shard.mutex);
    shard.tlb->flush_address(vpn4k, asid, nullptr, level);
  }
}

TlbLevelStats SharedTlb::stats() const {
  TlbLevelStats total;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    const TlbLevelStats& s = shard->tlb->stats();
    total.fills += s.fills;
    total.evictions += s.evictions;
    total.entries_flushed += s.entries_flushed;
  }
  total.lookups = lookups_.load(std::memory_order_relaxed);
  total.hits = hits_.load(std::memory_order_relaxed);
  total.misses = misses_.load(std::memory_order_relaxed);
  total.flushes = flushes_.load(std::memory_order_relaxed);
  return total;
}

}  // namespace vm::mem::tlb
