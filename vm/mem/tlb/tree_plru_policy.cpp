// Tree pseudo-LRU: a binary tree over the ways of a set (ways a power of two), ways - 1 bits.
// Node n (heap order: root 1, children 2n and 2n+1) has bit 0 when the victim search should
// go left (towards lower ways) and 1 when it should go right. A use of a way flips the nodes
// on its path to point away from it; an invalidation points them at it, so it is refilled
// first. With 2 ways this is exact LRU; with more it only remembers which half was used last
// at each level, which is why it can evict a more recently used way than LRU would.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <memory>
#include <vector>

#include "vm/mem/tlb/policy_factories.h"

namespace vm::mem::tlb {
namespace {

class TreePlruPolicy final : public ReplacementPolicy {
 public:
  TreePlruPolicy(uint32_t sets, uint32_t ways)
      : ways_(ways),
        levels_(static_cast<uint32_t>(std::countr_zero(ways))),
        words_per_set_((ways + 63) / 64),
        bits_(size_t{sets} * words_per_set_, 0) {}

  PolicyKind kind() const override { return PolicyKind::TreePlru; }
  void on_hit(uint32_t set, uint32_t way) override { point(set, way, /*towards=*/false); }
  void on_fill(uint32_t set, uint32_t way) override { point(set, way, /*towards=*/false); }
  void on_invalidate(uint32_t set, uint32_t way) override { point(set, way, /*towards=*/true); }

  uint32_t victim(uint32_t set) override {
    const uint64_t* words = &bits_[size_t{set} * words_per_set_];
    uint32_t node = 1;
    while (node < ways_) node = 2 * node + bit(words, node);
    return node - ways_;
  }

  void reset() override { std::fill(bits_.begin(), bits_.end(), 0); }

 private:
  static uint32_t bit(const uint64_t* words, uint32_t node) {
    return static_cast<uint32_t>(words[node / 64] >> (node % 64)) & 1;
  }

  // Sets the nodes on the root-to-leaf path of `way` to point towards it or away from it.
  void point(uint32_t set, uint32_t way, bool towards) {
    uint64_t* words = &bits_[size_t{set} * words_per_set_];
    uint32_t node = 1;
    for (uint32_t level = levels_; level-- > 0;) {
      const uint32_t right = (way >> level) & 1;
      const uint64_t mask = uint64_t{1} << (node % 64);
      if ((right != 0) == towards) {
        words[node / 64] |= mask;
      } else {
        words[node / 64] &= ~mask;
      }
      node = 2 * node + right;
    }
  }

  uint32_t ways_;
  uint32_t levels_;
  uint32_t words_per_set_;  // node bits 1 .. ways - 1 of a set; bit 0 is unused
  std::vector<uint64_t> bits_;
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_tree_plru_policy(uint32_t sets, uint32_t ways) {
  return std::make_unique<TreePlruPolicy>(sets, ways);
}

}  // namespace vm::mem::tlb
