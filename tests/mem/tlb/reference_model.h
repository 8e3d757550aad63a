// Reference models for the exact policies (LRU, FIFO): each set is a list of tags, newest
// first, evicting from the back. Used to cross-check the policies on long random traces with
// invalidations, where hand computation stops being practical.
#pragma once

#include <algorithm>
#include <cstdint>
#include <list>
#include <random>
#include <string>
#include <vector>

#include "cache_sim.h"

namespace vm::mem::tlb::test {

class ListModel {
 public:
  ListModel(uint32_t sets, uint32_t ways, bool move_on_hit)
      : ways_(ways), move_on_hit_(move_on_hit), sets_(sets) {}

  bool access(uint64_t tag) {
    std::list<uint64_t>& set = sets_[tag % sets_.size()];
    auto it = std::find(set.begin(), set.end(), tag);
    if (it != set.end()) {
      if (move_on_hit_) set.splice(set.begin(), set, it);
      return true;
    }
    if (set.size() == ways_) set.pop_back();
    set.push_front(tag);
    return false;
  }

  void invalidate(uint64_t tag) { sets_[tag % sets_.size()].remove(tag); }

 private:
  uint32_t ways_;
  bool move_on_hit_;
  std::vector<std::list<uint64_t>> sets_;
};

// Runs the same random trace (accesses over `distinct` tags, about one invalidation in 16)
// through `kind` and through the model; returns the two hit/miss strings (invalidations 'i').
inline std::pair<std::string, std::string> cross_check(PolicyKind kind, bool move_on_hit,
                                                       uint32_t sets, uint32_t ways,
                                                       uint32_t distinct, int steps) {
  auto policy = make_policy(kind, sets, ways, 7);
  CacheSim sim(*policy, sets, ways);
  ListModel model(sets, ways, move_on_hit);
  std::mt19937_64 rng(12345);
  std::uniform_int_distribution<uint64_t> pick(0, distinct - 1);
  std::string got, want;
  for (int i = 0; i < steps; ++i) {
    const uint64_t tag = pick(rng);
    if (rng() % 16 == 0) {
      sim.invalidate(tag);
      model.invalidate(tag);
      got += 'i';
      want += 'i';
    } else {
      got += sim.access(tag) ? 'H' : 'M';
      want += model.access(tag) ? 'H' : 'M';
    }
  }
  return {got, want};
}

}  // namespace vm::mem::tlb::test
