// True LRU: every hit and every fill makes the way the newest of its set; the victim is the
// oldest. An invalidated way becomes the oldest, so it is the one refilled first.
#include <memory>

#include "vm/mem/tlb/age_stack.h"
#include "vm/mem/tlb/policy_factories.h"

namespace vm::mem::tlb {
namespace {

class LruPolicy final : public ReplacementPolicy {
 public:
  LruPolicy(uint32_t sets, uint32_t ways) : ages_(sets, ways) {}

  PolicyKind kind() const override { return PolicyKind::Lru; }
  void on_hit(uint32_t set, uint32_t way) override { ages_.make_newest(set, way); }
  void on_fill(uint32_t set, uint32_t way) override { ages_.make_newest(set, way); }
  void on_invalidate(uint32_t set, uint32_t way) override { ages_.make_oldest(set, way); }
  uint32_t victim(uint32_t set) override { return ages_.oldest(set); }
  void reset() override { ages_.reset(); }

 private:
  AgeStack ages_;
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_lru_policy(uint32_t sets, uint32_t ways) {
  return std::make_unique<LruPolicy>(sets, ways);
}

}  // namespace vm::mem::tlb
