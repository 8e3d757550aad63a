// LRU against hand-computed traces and against the list model.
#include <gtest/gtest.h>

#include "cache_sim.h"
#include "reference_model.h"

namespace vm::mem::tlb::test {
namespace {

TEST(LruPolicy, FourWayHandTrace) {
  // Recency stack written newest first.
  //   A B C D  4 cold misses                  D C B A
  //   A        hit                            A D C B
  //   E        miss, evicts B (oldest)        E A D C
  //   B        miss, evicts C                 B E A D
  //   C        miss, evicts D                 C B E A
  //   D        miss, evicts A                 D C B E
  //   E        hit (E survived: it was used after A)
  EXPECT_EQ(simulate(PolicyKind::Lru, 1, 4, "ABCD A E B C D E"), "MMMM H M M M M H");
}

TEST(LruPolicy, CyclicWorkingSetOneLargerThanTheSetNeverHits) {
  // A B C D E cycling through 4 ways: each tag is evicted just before its next use.
  EXPECT_EQ(simulate(PolicyKind::Lru, 1, 4, "ABCDE ABCDE ABCDE"), "MMMMM MMMMM MMMMM");
}

TEST(LruPolicy, SetsAreSeparate) {
  // 2 sets x 2 ways; even tags go to set 0, odd tags to set 1.
  //   0 2      set 0 cold: [2 0]
  //   1 3      set 1 cold: [3 1]
  //   0        hit: [0 2]
  //   4        miss, evicts 2: [4 0]
  //   2        miss, evicts 0: [2 4]
  //   5        miss, evicts 1: [5 3]      (set 1 untouched by set 0's traffic)
  //   3        hit: [3 5]
  //   1        miss, evicts 5: [1 3]
  //   0        miss (evicted above)
  auto policy = make_policy(PolicyKind::Lru, 2, 2, 0);
  CacheSim sim(*policy, 2, 2);
  EXPECT_EQ(sim.run(std::vector<uint64_t>{0, 2, 1, 3, 0, 4, 2, 5, 3, 1, 0}), "MMMMHMMMHMM");
}

TEST(LruPolicy, InvalidatedWayIsRefilledAndThenNewest) {
  // A B C D, then A: stack A D C B. C is flushed and becomes the oldest (A D B C); E takes
  // its invalid way and becomes the newest: E A D B. F evicts B: F E A D. D hits: D F E A.
  // B misses and evicts A.
  auto policy = make_policy(PolicyKind::Lru, 1, 4, 0);
  CacheSim sim(*policy, 1, 4);
  EXPECT_EQ(sim.run("ABCD A"), "MMMM H");
  const uint32_t c_way = *sim.find('C');
  sim.invalidate('C');
  EXPECT_EQ(sim.run("E"), "M");
  EXPECT_EQ(sim.find('E'), c_way);
  EXPECT_EQ(sim.run("F D B"), "M H M");
  EXPECT_FALSE(sim.find('A'));
  EXPECT_TRUE(sim.find('E'));
}

TEST(LruPolicy, MatchesListModel) {
  for (uint32_t ways : {1u, 2u, 3u, 4u, 7u, 16u}) {
    auto [got, want] =
        cross_check(PolicyKind::Lru, /*move_on_hit=*/true, 4, ways, 4 * ways + 6, 20000);
    EXPECT_EQ(got, want) << ways << " ways";
  }
}

TEST(LruPolicy, WideAgesBeyond256Ways) {
  // 300 ways use two-byte ages: 300 distinct tags fit, and the 301st evicts the first.
  auto policy = make_policy(PolicyKind::Lru, 1, 300, 0);
  CacheSim sim(*policy, 1, 300);
  std::vector<uint64_t> round;
  for (uint64_t t = 0; t < 300; ++t) round.push_back(t);
  EXPECT_EQ(count(sim.run(round), 'M'), 300);
  EXPECT_EQ(count(sim.run(round), 'H'), 300);
  EXPECT_EQ(sim.run(std::vector<uint64_t>{300, 1, 0}), "MHM");

  auto [got, want] = cross_check(PolicyKind::Lru, true, 2, 300, 700, 20000);
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace vm::mem::tlb::test
