// The L3 TLB, shared by every vCPU: a set-associative TLB split into shards by set index, one
// mutex per shard, so vCPUs looking up or flushing different sets do not wait for each other.
// Each page size's probe goes to the shard its set lies in.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "vm/mem/tlb/set_associative_tlb.h"

namespace vm::mem::tlb {

class SharedTlb {
 public:
  static constexpr uint32_t kShards = 8;

  // entries and ways as for SetAssociativeTlb; the sets (entries / ways) must be a power of
  // two and at least kShards.
  SharedTlb(uint32_t entries, uint32_t ways, PolicyKind policy, uint64_t seed);

  uint32_t entries() const { return entries_; }
  uint32_t ways() const { return ways_; }

  std::optional<TlbEntry> lookup(uint64_t vpn4k, uint16_t asid);
  void fill(const TlbEntry& entry);
  void flush_all();
  void flush_asid(uint16_t asid);
  void flush_address(uint64_t vpn4k, std::optional<uint16_t> asid);

  // A consistent sum over the shards.
  TlbLevelStats stats() const;

 private:
  struct Shard {
    std::mutex mutex;
    std::unique_ptr<SetAssociativeTlb> tlb;
  };
  Shard& shard_of(uint64_t vpn4k, unsigned level) {
    return *shards_[(vpn4k >> (9 * level)) & (kShards - 1)];
  }

  uint32_t entries_;
  uint32_t ways_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<uint64_t> lookups_{0}, hits_{0}, misses_{0}, flushes_{0};
  // Page sizes (levels) that were ever filled; set before the entry is visible, never reset.
  std::atomic<bool> filled_level_[4] = {};
};

}  // namespace vm::mem::tlb
