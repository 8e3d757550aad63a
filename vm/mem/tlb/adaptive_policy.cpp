// The adaptive policy: set dueling between LRU and BIP (design in adaptive_policy.h).
#include "vm/mem/tlb/adaptive_policy.h"

#include <algorithm>
#include <memory>

#include "vm/mem/tlb/policy_factories.h"
#include "vm/mem/tlb/seeded_random.h"

namespace vm::mem::tlb {

AdaptivePolicy::AdaptivePolicy(uint32_t sets, uint32_t ways, uint64_t seed)
    : seed_(seed),
      ages_(sets, ways),
      roles_(sets, static_cast<uint8_t>(SetRole::Follower)),
      coin_state_(sets) {
  const uint32_t leaders = std::clamp(sets / 32, 1u, kMaxLeadersPerPolicy);
  const uint32_t span = sets / leaders;  // constituency size, >= 2 because sets >= 2
  for (uint32_t k = 0; k < leaders; ++k) {
    roles_[k * span + k % span] = static_cast<uint8_t>(SetRole::LruLeader);
    roles_[k * span + (k + span / 2) % span] = static_cast<uint8_t>(SetRole::BipLeader);
  }
  reset();
}

bool AdaptivePolicy::uses_bip(uint32_t set) const {
  switch (role(set)) {
    case SetRole::LruLeader: return false;
    case SetRole::BipLeader: return true;
    case SetRole::Follower: break;
  }
  return psel() >= kPselThreshold;
}

void AdaptivePolicy::on_hit(uint32_t set, uint32_t way) { ages_.make_newest(set, way); }

void AdaptivePolicy::on_fill(uint32_t set, uint32_t way) {
  count_leader_miss(role(set));
  if (uses_bip(set) && next_below(coin_state_[set], kBipMruOneIn) != 0) {
    ages_.make_oldest(set, way);
  } else {
    ages_.make_newest(set, way);
  }
}

void AdaptivePolicy::on_invalidate(uint32_t set, uint32_t way) { ages_.make_oldest(set, way); }

uint32_t AdaptivePolicy::victim(uint32_t set) { return ages_.oldest(set); }

void AdaptivePolicy::reset() {
  ages_.reset();
  for (uint32_t s = 0; s < coin_state_.size(); ++s) coin_state_[s] = stream_state(seed_, s);
  psel_.store(kPselInitial, std::memory_order_relaxed);
}

// Relaxed is enough: PSEL is a heuristic that orders nothing else; the compare-exchange loop
// only keeps concurrent updates from being lost or from stepping past the saturation bounds.
void AdaptivePolicy::count_leader_miss(SetRole role) {
  if (role == SetRole::Follower) return;
  const bool up = role == SetRole::LruLeader;
  uint32_t old = psel_.load(std::memory_order_relaxed);
  while ((up ? old < kPselMax : old > 0) &&
         !psel_.compare_exchange_weak(old, up ? old + 1 : old - 1, std::memory_order_relaxed)) {
  }
}

std::unique_ptr<ReplacementPolicy> make_adaptive_policy(uint32_t sets, uint32_t ways,
                                                        uint64_t seed) {
  return std::make_unique<AdaptivePolicy>(sets, ways, seed);
}

}  // namespace vm::mem::tlb
