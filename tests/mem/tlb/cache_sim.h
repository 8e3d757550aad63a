// A minimal set-associative cache around a ReplacementPolicy, for the policy tests: tag t
// lives in set t % sets; a miss fills the lowest invalid way, or the policy's victim when the
// set is full. run() turns a trace into a string with one 'H' or 'M' per access.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vm/mem/tlb/replacement_policy.h"

namespace vm::mem::tlb::test {

class CacheSim {
 public:
  CacheSim(ReplacementPolicy& policy, uint32_t sets, uint32_t ways)
      : policy_(policy), sets_(sets), ways_(ways), tags_(size_t{sets} * ways) {}

  uint32_t set_of(uint64_t tag) const { return static_cast<uint32_t>(tag % sets_); }

  bool access(uint64_t tag) {
    const uint32_t set = set_of(tag);
    if (std::optional<uint32_t> way = find(tag)) {
      policy_.on_hit(set, *way);
      return true;
    }
    uint32_t way = ways_;
    for (uint32_t w = 0; w < ways_; ++w) {
      if (!slot(set, w)) {
        way = w;
        break;
      }
    }
    if (way == ways_) {
      way = policy_.victim(set);
      EXPECT_LT(way, ways_) << "victim out of range in set " << set;
      if (way >= ways_) return false;
    }
    slot(set, way) = tag;
    policy_.on_fill(set, way);
    return false;
  }

  void invalidate(uint64_t tag) {
    if (std::optional<uint32_t> way = find(tag)) {
      slot(set_of(tag), *way).reset();
      policy_.on_invalidate(set_of(tag), *way);
    }
  }

  std::optional<uint32_t> find(uint64_t tag) const {
    const uint32_t set = set_of(tag);
    for (uint32_t w = 0; w < ways_; ++w) {
      if (tags_[size_t{set} * ways_ + w] == tag) return w;
    }
    return std::nullopt;
  }

  std::string run(const std::vector<uint64_t>& trace) {
    std::string out;
    for (uint64_t tag : trace) out += access(tag) ? 'H' : 'M';
    return out;
  }

  // One character per tag ('A' is tag 65); spaces are copied to the result, so a trace and
  // its expected result can be grouped alike.
  std::string run(std::string_view letters) {
    std::string out;
    for (char c : letters) {
      out += c == ' ' ? ' ' : access(static_cast<unsigned char>(c)) ? 'H' : 'M';
    }
    return out;
  }

 private:
  std::optional<uint64_t>& slot(uint32_t set, uint32_t way) {
    return tags_[size_t{set} * ways_ + way];
  }

  ReplacementPolicy& policy_;
  uint32_t sets_;
  uint32_t ways_;
  std::vector<std::optional<uint64_t>> tags_;
};

// The hit/miss string of `trace` on a fresh cache with the given policy.
inline std::string simulate(PolicyKind kind, uint32_t sets, uint32_t ways, std::string_view letters,
                            uint64_t seed = 1) {
  auto policy = make_policy(kind, sets, ways, seed);
  CacheSim sim(*policy, sets, ways);
  return sim.run(letters);
}

inline int count(std::string_view s, char c) {
  int n = 0;
  for (char x : s) n += x == c;
  return n;
}

}  // namespace vm::mem::tlb::test
