// FIFO against hand-computed traces (Belady's anomaly) and against the list model.
#include <gtest/gtest.h>

#include "cache_sim.h"
#include "reference_model.h"

namespace vm::mem::tlb::test {
namespace {

// Belady, Nelson, Shedler (1969): with FIFO, more ways can give more misses.
constexpr const char* kBelady = "123412512345";

TEST(FifoPolicy, BeladyAnomalyThreeWays) {
  // Queue written oldest first.
  //   1 2 3   cold                  [1 2 3]
  //   4       evicts 1              [2 3 4]
  //   1       evicts 2              [3 4 1]
  //   2       evicts 3              [4 1 2]
  //   5       evicts 4              [1 2 5]
  //   1 2     hit, hit
  //   3       evicts 1              [2 5 3]
  //   4       evicts 2              [5 3 4]
  //   5       hit                   -> 9 misses
  const std::string got = simulate(PolicyKind::Fifo, 1, 3, kBelady);
  EXPECT_EQ(got, "MMMMMMMHHMMH");
  EXPECT_EQ(count(got, 'M'), 9);
}

TEST(FifoPolicy, BeladyAnomalyFourWays) {
  //   1 2 3 4 cold                  [1 2 3 4]
  //   1 2     hit, hit (FIFO does not reorder on hits)
  //   5       evicts 1              [2 3 4 5]
  //   1       evicts 2              [3 4 5 1]
  //   2       evicts 3              [4 5 1 2]
  //   3       evicts 4              [5 1 2 3]
  //   4       evicts 5              [1 2 3 4]
  //   5       evicts 1              [2 3 4 5]   -> 10 misses
  const std::string got = simulate(PolicyKind::Fifo, 1, 4, kBelady);
  EXPECT_EQ(got, "MMMMHHMMMMMM");
  EXPECT_EQ(count(got, 'M'), 10);
}

TEST(FifoPolicy, HitsDoNotProtect) {
  // 2 ways: A B, A hits, C evicts A (the oldest fill, although just used), so A misses;
  // LRU evicts B instead and A hits.
  EXPECT_EQ(simulate(PolicyKind::Fifo, 1, 2, "ABACA"), "MMHMM");
  EXPECT_EQ(simulate(PolicyKind::Lru, 1, 2, "ABACA"), "MMHMH");
}

TEST(FifoPolicy, InvalidationRemovesFromTheQueue) {
  // A B C fill; B is flushed; D refills B's way and joins the queue at the back: [A C D].
  // E evicts A: [C D E]. F evicts C: [D E F]. C evicts D: [E F C]. E hits.
  auto policy = make_policy(PolicyKind::Fifo, 1, 3, 0);
  CacheSim sim(*policy, 1, 3);
  EXPECT_EQ(sim.run("ABC"), "MMM");
  sim.invalidate('B');
  EXPECT_EQ(sim.run("D E"), "M M");
  EXPECT_FALSE(sim.find('A'));
  EXPECT_EQ(sim.run("F C E"), "M M H");
}

TEST(FifoPolicy, MatchesListModel) {
  for (uint32_t ways : {1u, 2u, 3u, 4u, 7u, 16u, 300u}) {
    auto [got, want] =
        cross_check(PolicyKind::Fifo, /*move_on_hit=*/false, 4, ways, 4 * ways + 6, 20000);
    EXPECT_EQ(got, want) << ways << " ways";
  }
}

}  // namespace
}  // namespace vm::mem::tlb::test
