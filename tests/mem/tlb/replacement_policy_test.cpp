// What holds for every policy: names, argument validation, reset, and the basics of a cache
// (a working set that fits never misses after the cold misses).
#include "vm/mem/tlb/replacement_policy.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>

#include "cache_sim.h"

namespace vm::mem::tlb::test {
namespace {

TEST(PolicyNames, ParseAndNameRoundTrip) {
  ASSERT_EQ(all_policy_kinds().size(), 5u);
  for (PolicyKind kind : all_policy_kinds()) {
    EXPECT_EQ(parse_policy(policy_name(kind)), kind) << policy_name(kind);
  }
  EXPECT_EQ(parse_policy("lru"), PolicyKind::Lru);
  EXPECT_EQ(parse_policy("plru"), PolicyKind::TreePlru);
  EXPECT_EQ(parse_policy("fifo"), PolicyKind::Fifo);
  EXPECT_EQ(parse_policy("random"), PolicyKind::Random);
  EXPECT_EQ(parse_policy("adaptive"), PolicyKind::Adaptive);
  for (const char* bad : {"", "LRU", "lru ", "tree-plru", "rand", "dip"}) {
    EXPECT_EQ(parse_policy(bad), std::nullopt) << bad;
  }
}

void expect_invalid(PolicyKind kind, uint32_t sets, uint32_t ways, const std::string& part) {
  try {
    make_policy(kind, sets, ways, 0);
    ADD_FAILURE() << policy_name(kind) << " " << sets << "x" << ways << " accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST(MakePolicy, RejectsInvalidArguments) {
  for (PolicyKind kind : all_policy_kinds()) {
    expect_invalid(kind, 0, 4, "sets must be at least 1");
    expect_invalid(kind, 4, 0, "ways must be at least 1");
    expect_invalid(kind, 4, kMaxWays + 1, "ways must be at most 65536");
  }
  for (uint32_t ways : {3u, 6u, 12u, 24u, 65535u}) {
    expect_invalid(PolicyKind::TreePlru, 4, ways, "'plru': ways must be a power of two");
  }
  expect_invalid(PolicyKind::Adaptive, 1, 4, "'adaptive': needs at least 2 sets");
  expect_invalid(static_cast<PolicyKind>(17), 4, 4, "unknown kind 17");
}

TEST(MakePolicy, AcceptsTheEdges) {
  for (PolicyKind kind : all_policy_kinds()) {
    const uint32_t sets = kind == PolicyKind::Adaptive ? 2 : 1;
    for (uint32_t ways : {1u, 2u, 4u, kMaxWays}) {
      auto p = make_policy(kind, sets, ways, 0);
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(p->kind(), kind);
      EXPECT_LT(p->victim(0), ways);
    }
  }
  EXPECT_NO_THROW(make_policy(PolicyKind::Lru, 1, 3, 0));
  EXPECT_NO_THROW(make_policy(PolicyKind::Random, 1, 12, 0));
}

class EveryPolicy : public ::testing::TestWithParam<PolicyKind> {};

TEST_P(EveryPolicy, FittingWorkingSetOnlyMissesCold) {
  // 8 sets x 4 ways, 4 tags per set: 32 cold misses, then hits, whatever the policy.
  auto p = make_policy(GetParam(), 8, 4, 3);
  CacheSim sim(*p, 8, 4);
  std::vector<uint64_t> round;
  for (uint64_t t = 0; t < 32; ++t) round.push_back(t);
  EXPECT_EQ(sim.run(round), std::string(32, 'M'));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(sim.run(round), std::string(32, 'H'));
}

TEST_P(EveryPolicy, ResetGivesTheFreshBehaviour) {
  std::mt19937_64 rng(99);
  std::vector<uint64_t> trace;
  for (int i = 0; i < 5000; ++i) trace.push_back(rng() % 100);
  auto fresh = make_policy(GetParam(), 4, 8, 5);
  auto used = make_policy(GetParam(), 4, 8, 5);
  CacheSim warm(*used, 4, 8);
  warm.run(trace);
  used->reset();
  CacheSim a(*fresh, 4, 8), b(*used, 4, 8);
  EXPECT_EQ(b.run(trace), a.run(trace));
}

TEST(MakePolicy, InvalidatedWayIsTheNextVictim) {
  // Every policy but random (which ignores invalidations) refills a flushed way first.
  for (PolicyKind kind :
       {PolicyKind::Lru, PolicyKind::TreePlru, PolicyKind::Fifo, PolicyKind::Adaptive}) {
    auto p = make_policy(kind, 2, 8, 5);
    std::mt19937 rng(4);
    for (uint32_t w = 0; w < 8; ++w) p->on_fill(1, w);
    for (int i = 0; i < 200; ++i) p->on_hit(1, rng() % 8);
    for (uint32_t w : {0u, 5u, 7u}) {
      p->on_invalidate(1, w);
      EXPECT_EQ(p->victim(1), w) << policy_name(kind);
      p->on_fill(1, w);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(All, EveryPolicy,
                         ::testing::Values(PolicyKind::Lru, PolicyKind::TreePlru, PolicyKind::Fifo,
                                           PolicyKind::Random, PolicyKind::Adaptive),
                         [](const auto& info) { return std::string(policy_name(info.param)); });

}  // namespace
}  // namespace vm::mem::tlb::test
