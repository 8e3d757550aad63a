// FIFO: the victim is the way filled longest ago; hits change nothing. Kept as an insertion
// order per set (not a round-robin pointer) so that it stays exact when the structure refills
// invalidated ways in any order. An invalidated way becomes the oldest.
#include <memory>

#include "vm/mem/tlb/age_stack.h"
#include "vm/mem/tlb/policy_factories.h"

namespace vm::mem::tlb {
namespace {

class FifoPolicy final : public ReplacementPolicy {
 public:
  FifoPolicy(uint32_t sets, uint32_t ways) : ages_(sets, ways) {}

  PolicyKind kind() const override { return PolicyKind::Fifo; }
  void on_hit(uint32_t, uint32_t) override {}
  void on_fill(uint32_t set, uint32_t way) override { ages_.make_newest(set, way); }
  void on_invalidate(uint32_t set, uint32_t way) override { ages_.make_oldest(set, way); }
  uint32_t victim(uint32_t set) override { return ages_.oldest(set); }
  void reset() override { ages_.reset(); }

 private:
  AgeStack ages_;
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_fifo_policy(uint32_t sets, uint32_t ways) {
  return std::make_unique<FifoPolicy>(sets, ways);
}

}  // namespace vm::mem::tlb
