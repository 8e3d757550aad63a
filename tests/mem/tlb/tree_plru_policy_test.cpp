// Tree-PLRU against hand-computed traces, including the classic cases where it evicts a
// different way than LRU. Tree notation: node bits root / left / right; 0 = victim search goes
// left (lower ways), 1 = right. A use points every node on the way's path away from it.
#include <gtest/gtest.h>

#include <random>

#include "cache_sim.h"
#include "reference_model.h"

namespace vm::mem::tlb::test {
namespace {

TEST(TreePlruPolicy, FourWayDiffersFromLru) {
  // Ways 0..3 get A B C D (cold fills into invalid ways, lowest first).
  //   fill A (w0): root=1 left=1      fill B (w1): root=1 left=0
  //   fill C (w2): root=0 right=1     fill D (w3): root=0 right=0
  //   C hit (w2): root=0 right=1      A hit (w0): root=1 left=1
  // Now LRU's order is A C D B, so LRU evicts B. PLRU follows root=1 (right half), then
  // right=1: way 3, D — the third most recent, because the tree only remembers that C was used
  // after D and that the left half was used last.
  //   E: PLRU puts E in w3 (root=0 right=0); LRU evicts B      -> both miss
  //   B: PLRU hit (root=1 left=0);              LRU miss, evicts D (order was E A C D)
  //   D: PLRU: root=1 -> right, right=0 -> w2 (C) evicted, miss; LRU miss, evicts C
  const std::string trace = "ABCD C A E B D";
  EXPECT_EQ(simulate(PolicyKind::TreePlru, 1, 4, trace), "MMMM H H M H M");
  EXPECT_EQ(simulate(PolicyKind::Lru, 1, 4, trace), "MMMM H H M M M");
}

TEST(TreePlruPolicy, EightWayDiffersFromLru) {
  // Ways 0..7 get A..H. Node bits after the fills: every node points away from the last way
  // used below it: root=0 (H was last, right half), n2=0 (D last in 0-3), n3=0 (H in 4-7),
  // n4=0 (B in 0-1), n5=0 (D in 2-3), n6=0 (F in 4-5), n7=0 (H in 6-7).
  //   A hit (w0): root=1 n2=1 n4=1     E hit (w4): root=0 n3=1 n6=1
  // LRU order: E A H G F D C B -> LRU evicts B. PLRU: root=0 -> n2=1 -> n5=0 -> w2 = C.
  //   I: PLRU evicts C into w2 (root=1 n2=0 n5=1), LRU evicts B           -> M M
  //   B: PLRU hit (w1: root=1 n2=1 n4=0); LRU miss, evicts C             -> H M
  //   C: PLRU: root=1 -> n3=1 -> n7=0 -> w6 = G evicted, miss; LRU miss  -> M M
  //   G: PLRU miss (evicted just now); LRU hit (G was never evicted)     -> M H
  const std::string trace = "ABCDEFGH A E I B C G";
  EXPECT_EQ(simulate(PolicyKind::TreePlru, 1, 8, trace), "MMMMMMMM H H M H M M");
  EXPECT_EQ(simulate(PolicyKind::Lru, 1, 8, trace), "MMMMMMMM H H M M M H");
}

TEST(TreePlruPolicy, InvalidatedWayIsTheNextVictim) {
  // A B C D fill ways 0..3: root=0 left=0 right=0. Flushing w2 points the tree at it (root=1
  // right=0); refilling w2 points it away again: root=0, and left=0 still (B after A) -> w0.
  auto policy = make_policy(PolicyKind::TreePlru, 1, 4, 0);
  EXPECT_EQ(policy->victim(0), 0u);  // initial state: all bits 0
  CacheSim sim(*policy, 1, 4);
  EXPECT_EQ(sim.run("ABCD"), "MMMM");
  policy->on_invalidate(0, 2);
  EXPECT_EQ(policy->victim(0), 2u);
  policy->on_fill(0, 2);
  EXPECT_EQ(policy->victim(0), 0u);
}

TEST(TreePlruPolicy, OneAndTwoWaysAreExactLru) {
  auto [got2, want2] = cross_check(PolicyKind::TreePlru, true, 8, 2, 40, 20000);
  EXPECT_EQ(got2, want2);
  auto [got1, want1] = cross_check(PolicyKind::TreePlru, true, 8, 1, 40, 5000);
  EXPECT_EQ(got1, want1);
}

TEST(TreePlruPolicy, WideTreesUseSeveralWords) {
  // 256 ways = 255 node bits over 4 words per set. From any state, an invalidated way is the
  // next victim and a just-used way is not; the other sets keep their initial state.
  auto policy = make_policy(PolicyKind::TreePlru, 3, 256, 0);
  std::mt19937 rng(3);
  for (uint32_t w = 0; w < 256; ++w) policy->on_fill(1, w);
  for (int i = 0; i < 2000; ++i) policy->on_hit(1, rng() % 256);
  for (uint32_t w : {0u, 1u, 63u, 64u, 127u, 128u, 200u, 255u}) {
    policy->on_invalidate(1, w);
    EXPECT_EQ(policy->victim(1), w);
    policy->on_hit(1, w);
    EXPECT_NE(policy->victim(1), w);
  }
  EXPECT_EQ(policy->victim(0), 0u);
  EXPECT_EQ(policy->victim(2), 0u);
}

}  // namespace
}  // namespace vm::mem::tlb::test
