// The seeded random policy: reproducible, seed-dependent, independent per set, uniform.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "cache_sim.h"

namespace vm::mem::tlb::test {
namespace {

std::vector<uint32_t> victims(ReplacementPolicy& policy, uint32_t sets, int per_set) {
  std::vector<uint32_t> out;
  for (int i = 0; i < per_set; ++i) {
    for (uint32_t s = 0; s < sets; ++s) out.push_back(policy.victim(s));
  }
  return out;
}

TEST(RandomPolicy, SameSeedSameVictimsOtherSeedOthers) {
  auto a = make_policy(PolicyKind::Random, 4, 8, 42);
  auto b = make_policy(PolicyKind::Random, 4, 8, 42);
  auto c = make_policy(PolicyKind::Random, 4, 8, 43);
  const std::vector<uint32_t> va = victims(*a, 4, 250);
  EXPECT_EQ(va, victims(*b, 4, 250));
  EXPECT_NE(va, victims(*c, 4, 250));
}

TEST(RandomPolicy, ResetReplaysTheSequence) {
  auto p = make_policy(PolicyKind::Random, 2, 8, 5);
  const std::vector<uint32_t> first = victims(*p, 2, 100);
  p->reset();
  EXPECT_EQ(victims(*p, 2, 100), first);
}

TEST(RandomPolicy, SetsDrawIndependently) {
  // Set 3's victims depend on the seed and its own draws only, not on other sets' traffic or
  // on hits, fills and invalidations.
  auto quiet = make_policy(PolicyKind::Random, 8, 8, 9);
  auto busy = make_policy(PolicyKind::Random, 8, 8, 9);
  for (int i = 0; i < 100; ++i) {
    busy->victim(0);
    busy->victim(7);
    busy->on_hit(3, 1);
    busy->on_fill(3, 2);
    busy->on_invalidate(3, 4);
    EXPECT_EQ(busy->victim(3), quiet->victim(3)) << "draw " << i;
  }
  // Different sets do not share a stream.
  auto p = make_policy(PolicyKind::Random, 2, 8, 9);
  std::vector<uint32_t> set0, set1;
  for (int i = 0; i < 64; ++i) {
    set0.push_back(p->victim(0));
    set1.push_back(p->victim(1));
  }
  EXPECT_NE(set0, set1);
}

// Pearson's chi-square of counts against a uniform expectation.
template <size_t N>
double chi_square(const std::array<int, N>& counts, int total) {
  const double expected = static_cast<double>(total) / N;
  double chi2 = 0;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  return chi2;
}

TEST(RandomPolicy, VictimsAreUniformOverWays) {
  // Deterministic (seeded), so the bounds cannot flake; they are loose: the 0.1% critical
  // values are 24.3 for 7 degrees of freedom and 22.5 for 6.
  constexpr int kDraws = 16000;
  auto eight = make_policy(PolicyKind::Random, 1, 8, 2024);
  std::array<int, 8> c8{};
  for (int i = 0; i < kDraws; ++i) ++c8.at(eight->victim(0));
  EXPECT_LT(chi_square(c8, kDraws), 24.3);

  // Non-power-of-two ways, and across sets (first draws of many sets).
  auto seven = make_policy(PolicyKind::Random, kDraws, 7, 77);
  std::array<int, 7> c7{};
  for (uint32_t s = 0; s < kDraws; ++s) ++c7.at(seven->victim(s));
  EXPECT_LT(chi_square(c7, kDraws), 22.5);
}

TEST(RandomPolicy, OneWayAlwaysEvictsWayZero) {
  auto p = make_policy(PolicyKind::Random, 3, 1, 1);
  for (uint32_t v : victims(*p, 3, 50)) EXPECT_EQ(v, 0u);
}

TEST(RandomPolicy, CacheSimIsReproducible) {
  // A thrashing trace gives some hits (random keeps part of a cyclic working set), and the
  // same seed gives the same hit/miss string.
  const std::string trace = "ABCDE ABCDE ABCDE ABCDE ABCDE ABCDE ABCDE ABCDE";
  const std::string once = simulate(PolicyKind::Random, 1, 4, trace, 11);
  EXPECT_EQ(simulate(PolicyKind::Random, 1, 4, trace, 11), once);
  EXPECT_GT(count(once, 'H'), 0);
}

}  // namespace
}  // namespace vm::mem::tlb::test
