// The adaptive policy (set dueling LRU vs BIP): leader placement, leaders behaving as their
// policy, PSEL saturation, and followers taking the winner on a thrashing and on a
// recency-friendly trace.
#include "vm/mem/tlb/adaptive_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "cache_sim.h"

namespace vm::mem::tlb::test {
namespace {

using Role = AdaptivePolicy::SetRole;

std::unique_ptr<AdaptivePolicy> make_adaptive(uint32_t sets, uint32_t ways, uint64_t seed = 1) {
  auto p = make_policy(PolicyKind::Adaptive, sets, ways, seed);
  return std::unique_ptr<AdaptivePolicy>(static_cast<AdaptivePolicy*>(p.release()));
}

std::vector<uint32_t> sets_with(const AdaptivePolicy& p, uint32_t sets, Role role) {
  std::vector<uint32_t> out;
  for (uint32_t s = 0; s < sets; ++s) {
    if (p.role(s) == role) out.push_back(s);
  }
  return out;
}

TEST(AdaptivePolicy, LeaderSets) {
  // sets / 32 leaders per policy, at least 1 and at most 32, on a diagonal of constituencies.
  struct Case {
    uint32_t sets, leaders;
  };
  for (Case c : {Case{2, 1}, Case{3, 1}, Case{4, 1}, Case{63, 1}, Case{64, 2}, Case{100, 3},
                 Case{1024, 32}, Case{4096, 32}}) {
    auto p = make_adaptive(c.sets, 4);
    const auto lru = sets_with(*p, c.sets, Role::LruLeader);
    const auto bip = sets_with(*p, c.sets, Role::BipLeader);
    EXPECT_EQ(lru.size(), c.leaders) << c.sets << " sets";
    EXPECT_EQ(bip.size(), c.leaders) << c.sets << " sets";
  }
  auto two = make_adaptive(2, 4);
  EXPECT_EQ(two->role(0), Role::LruLeader);
  EXPECT_EQ(two->role(1), Role::BipLeader);
  // 64 sets: constituencies of 32; LRU leaders 0 and 32+1, BIP leaders 16 and 32+17.
  auto p = make_adaptive(64, 4);
  EXPECT_EQ(sets_with(*p, 64, Role::LruLeader), (std::vector<uint32_t>{0, 33}));
  EXPECT_EQ(sets_with(*p, 64, Role::BipLeader), (std::vector<uint32_t>{16, 49}));
}

TEST(AdaptivePolicy, LruLeaderIsLru) {
  // 2 sets: set 0 is the LRU leader (even tags). The LRU hand trace (lru_policy_test.cpp)
  // A B C D A E B C D E -> MMMM H MMMM H, with A..E = tags 0, 2, 4, 6, 8.
  auto p = make_adaptive(2, 4);
  CacheSim sim(*p, 2, 4);
  EXPECT_EQ(sim.run(std::vector<uint64_t>{0, 2, 4, 6, 0, 8, 2, 4, 6, 8}), "MMMMHMMMMH");
  EXPECT_FALSE(p->uses_bip(0));
}

TEST(AdaptivePolicy, BipLeaderResistsThrashing) {
  // Set 1 is the BIP leader (odd tags). A B C D E cycling through 4 ways. BIP inserts at the
  // oldest position, so (ages newest first, without the 1-in-32 MRU insertions):
  //   A B C D  cold fills, each inserted oldest      A B C D
  //   E        evicts D, inserted oldest              A B C E
  //   A B C    hit                                    C B A E
  //   D        evicts E, inserted oldest; E evicts D  ...
  // so every cycle after the first is H H H M M: 60% hits where LRU has none. The coin's
  // occasional MRU insertion shifts which three stay, so the test asks for > 50%.
  auto p = make_adaptive(2, 4);
  CacheSim sim(*p, 2, 4);
  std::vector<uint64_t> trace;
  for (int cycle = 0; cycle < 40; ++cycle) {
    for (uint64_t t : {1, 3, 5, 7, 9}) trace.push_back(t);
  }
  const std::string got = sim.run(trace);
  EXPECT_EQ(got.substr(0, 10), "MMMMMHHHMM");
  EXPECT_GT(count(got, 'H'), static_cast<int>(got.size()) / 2);
  EXPECT_TRUE(p->uses_bip(1));
}

TEST(AdaptivePolicy, PselSaturates) {
  auto p = make_adaptive(2, 4);
  EXPECT_EQ(p->psel(), AdaptivePolicy::kPselInitial);
  for (int i = 0; i < 2000; ++i) p->on_fill(0, i % 4);  // misses in the LRU leader
  EXPECT_EQ(p->psel(), AdaptivePolicy::kPselMax);
  for (int i = 0; i < 3000; ++i) p->on_fill(1, i % 4);  // misses in the BIP leader
  EXPECT_EQ(p->psel(), 0u);
  p->reset();
  EXPECT_EQ(p->psel(), AdaptivePolicy::kPselInitial);
}

struct DuelResult {
  int follower_hits = 0;
  int follower_accesses = 0;
};

// Runs `trace` (tags, set = tag % sets) and counts hits in follower sets.
DuelResult run_followers(ReplacementPolicy& policy, const AdaptivePolicy& roles, uint32_t sets,
                         uint32_t ways, const std::vector<uint64_t>& trace) {
  CacheSim sim(policy, sets, ways);
  DuelResult r;
  for (uint64_t tag : trace) {
    const bool hit = sim.access(tag);
    if (roles.role(sim.set_of(tag)) == Role::Follower) {
      ++r.follower_accesses;
      r.follower_hits += hit;
    }
  }
  return r;
}

constexpr uint32_t kSets = 64;
constexpr uint32_t kWays = 4;

TEST(AdaptivePolicy, ThrashingTraceMovesFollowersToBip) {
  // Every set cycles through ways + 1 tags: LRU never hits, so LRU leaders miss every time
  // and BIP leaders about 2 in 5; PSEL climbs past the threshold after the cold round.
  std::vector<uint64_t> trace;
  for (int round = 0; round < 40; ++round) {
    for (uint64_t i = 0; i <= kWays; ++i) {
      for (uint64_t s = 0; s < kSets; ++s) trace.push_back(i * kSets + s);
    }
  }
  auto adaptive = make_adaptive(kSets, kWays);
  auto lru = make_policy(PolicyKind::Lru, kSets, kWays, 1);
  const DuelResult a = run_followers(*adaptive, *adaptive, kSets, kWays, trace);
  const DuelResult l = run_followers(*lru, *adaptive, kSets, kWays, trace);

  EXPECT_GE(adaptive->psel(), AdaptivePolicy::kPselThreshold);
  EXPECT_TRUE(adaptive->uses_bip(1));
  EXPECT_EQ(l.follower_hits, 0);
  EXPECT_GT(a.follower_hits, l.follower_hits);
  EXPECT_GT(a.follower_hits, a.follower_accesses * 2 / 5);
}

TEST(AdaptivePolicy, RecencyFriendlyTraceKeepsLru) {
  // Every set works on 4 tags (= ways) for 4 rounds, then moves on to 4 new ones. LRU misses
  // once per new tag; BIP inserts each new tag at the oldest position, where the next new tag
  // evicts it, so it misses nearly every access of a new phase. PSEL falls below the
  // threshold and followers stay LRU: their hits match pure LRU's (the first two phases,
  // while PSEL still sits at the threshold, may cost a few).
  std::vector<uint64_t> trace;
  for (uint64_t phase = 0; phase < 20; ++phase) {
    for (int round = 0; round < 4; ++round) {
      for (uint64_t i = 0; i < kWays; ++i) {
        for (uint64_t s = 0; s < kSets; ++s) trace.push_back((phase * kWays + i) * kSets + s);
      }
    }
  }
  auto adaptive = make_adaptive(kSets, kWays);
  auto lru = make_policy(PolicyKind::Lru, kSets, kWays, 1);
  const DuelResult a = run_followers(*adaptive, *adaptive, kSets, kWays, trace);
  const DuelResult l = run_followers(*lru, *adaptive, kSets, kWays, trace);

  EXPECT_LT(adaptive->psel(), AdaptivePolicy::kPselThreshold);
  EXPECT_FALSE(adaptive->uses_bip(1));
  EXPECT_EQ(l.follower_hits, l.follower_accesses * 3 / 4);  // 12 of every 16
  EXPECT_GE(a.follower_hits, l.follower_hits * 95 / 100);
}

}  // namespace
}  // namespace vm::mem::tlb::test
