// Random replacement: the victim is uniform over the ways, drawn from a splitmix64 stream per
// set seeded from (seed, set index). Sets are independent and the victims of a set depend only
// on the seed and on how many victims that set has drawn; hits, fills and invalidations do
// not consume randomness.
#include <memory>
#include <vector>

#include "vm/mem/tlb/policy_factories.h"
#include "vm/mem/tlb/seeded_random.h"

namespace vm::mem::tlb {
namespace {

class RandomPolicy final : public ReplacementPolicy {
 public:
  RandomPolicy(uint32_t sets, uint32_t ways, uint64_t seed)
      : ways_(ways), seed_(seed), state_(sets) {
    reset();
  }

  PolicyKind kind() const override { return PolicyKind::Random; }
  void on_hit(uint32_t, uint32_t) override {}
  void on_fill(uint32_t, uint32_t) override {}
  void on_invalidate(uint32_t, uint32_t) override {}
  uint32_t victim(uint32_t set) override { return next_below(state_[set], ways_); }

  void reset() override {
    for (uint32_t s = 0; s < state_.size(); ++s) state_[s] = stream_state(seed_, s);
  }

 private:
  uint32_t ways_;
  uint64_t seed_;
  std::vector<uint64_t> state_;
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_random_policy(uint32_t sets, uint32_t ways, uint64_t seed) {
  return std::make_unique<RandomPolicy>(sets, ways, seed);
}

}  // namespace vm::mem::tlb
