// The adaptive policy (PolicyKind::Adaptive): DIP-style set dueling (Qureshi et al., "Adaptive
// Insertion Policies for High Performance Caching", ISCA 2007) between LRU and BIP.
//
// Why LRU vs BIP: a TLB level is thrashed when a loop's page working set is a little larger
// than its capacity (a cyclic walk over N + 1 pages of a set with N ways): LRU then evicts each
// page just before it is used again and hits never. BIP (bimodal insertion) inserts a filled
// way at the LRU position, and only with probability 1/32 at the MRU position, so the ways
// that were already resident stay and most of the working set keeps hitting; when the working
// set changes, the occasional MRU insertion lets the new one in. On recency-friendly traces
// LRU is better, so the two duel. Both keep the same age order and promote on a hit; they
// differ only in where a fill lands, so a set can change policy without any state conversion.
//
// Leader sets: L = clamp(sets / 32, 1, 32) leader sets per policy (1/32 of the sets each, 32
// at most, as in DIP). The sets are cut into L constituencies of C = sets / L consecutive sets
// (C >= 2); in constituency k the LRU leader is set k*C + (k mod C) and the BIP leader is set
// k*C + ((k + C/2) mod C) — a diagonal, so a stride of C does not map onto leaders only. All
// other sets (including the sets beyond L*C) are followers. Needs sets >= 2.
//
// PSEL: a 10-bit saturating counter (0 .. 1023), a std::atomic, updated on fills (= misses) in
// leader sets: +1 for a miss in an LRU leader, -1 for a miss in a BIP leader. Followers use BIP
// while PSEL >= 512 and LRU below; PSEL starts at 511, so followers start as LRU.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "vm/mem/tlb/age_stack.h"
#include "vm/mem/tlb/replacement_policy.h"

namespace vm::mem::tlb {

class AdaptivePolicy final : public ReplacementPolicy {
 public:
  enum class SetRole : uint8_t { LruLeader, BipLeader, Follower };

  static constexpr uint32_t kPselBits = 10;
  static constexpr uint32_t kPselMax = (1u << kPselBits) - 1;
  static constexpr uint32_t kPselThreshold = 1u << (kPselBits - 1);  // >= : followers use BIP
  static constexpr uint32_t kPselInitial = kPselThreshold - 1;
  static constexpr uint32_t kMaxLeadersPerPolicy = 32;
  static constexpr uint32_t kBipMruOneIn = 32;  // BIP inserts at MRU with probability 1/32

  AdaptivePolicy(uint32_t sets, uint32_t ways, uint64_t seed);

  PolicyKind kind() const override { return PolicyKind::Adaptive; }
  void on_hit(uint32_t set, uint32_t way) override;
  void on_fill(uint32_t set, uint32_t way) override;
  void on_invalidate(uint32_t set, uint32_t way) override;
  uint32_t victim(uint32_t set) override;
  void reset() override;

  SetRole role(uint32_t set) const { return static_cast<SetRole>(roles_[set]); }
  uint32_t psel() const { return psel_.load(std::memory_order_relaxed); }
  // The insertion policy `set` uses now: its own if a leader, PSEL's choice if a follower.
  bool uses_bip(uint32_t set) const;

 private:
  void count_leader_miss(SetRole role);

  uint64_t seed_;
  AgeStack ages_;
  std::vector<uint8_t> roles_;        // SetRole per set, fixed at construction
  std::vector<uint64_t> coin_state_;  // BIP's coin, one seeded stream per set
  std::atomic<uint32_t> psel_{kPselInitial};
};

}  // namespace vm::mem::tlb
