// Several threads updating different sets of one policy at once, as a TLB that locks per set
// would. Per-set results must equal a single-threaded run (the policies keep no state shared
// between sets except the adaptive PSEL, which must lose no update). Meant for TSan as well.
#include "vm/mem/tlb/adaptive_policy.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cache_sim.h"

namespace vm::mem::tlb::test {
namespace {

constexpr uint32_t kSets = 64;
constexpr uint32_t kWays = 8;
constexpr uint32_t kThreads = 4;

// The trace of thread t: only sets s with s % kThreads == t, 24 distinct tags per set.
std::vector<uint64_t> thread_trace(uint32_t t) {
  std::mt19937_64 rng(1000 + t);
  std::vector<uint64_t> trace;
  for (int i = 0; i < 40000; ++i) {
    const uint64_t set = t + kThreads * (rng() % (kSets / kThreads));
    trace.push_back((rng() % 24) * kSets + set);
  }
  return trace;
}

class ConcurrentSets : public ::testing::TestWithParam<PolicyKind> {};

TEST_P(ConcurrentSets, MatchSingleThreadedRun) {
  std::vector<std::vector<uint64_t>> traces;
  for (uint32_t t = 0; t < kThreads; ++t) traces.push_back(thread_trace(t));

  std::vector<std::string> sequential(kThreads);
  {
    auto policy = make_policy(GetParam(), kSets, kWays, 8);
    for (uint32_t t = 0; t < kThreads; ++t) {
      CacheSim sim(*policy, kSets, kWays);  // each thread's sets are its own
      sequential[t] = sim.run(traces[t]);
    }
  }

  auto policy = make_policy(GetParam(), kSets, kWays, 8);
  std::vector<std::string> concurrent(kThreads);
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      CacheSim sim(*policy, kSets, kWays);
      concurrent[t] = sim.run(traces[t]);
    });
  }
  for (std::thread& th : threads) th.join();

  if (GetParam() == PolicyKind::Adaptive) {
    // Followers read PSEL, whose value depends on the interleaving: only the counts can be
    // checked, and that every access got an answer.
    for (uint32_t t = 0; t < kThreads; ++t) EXPECT_EQ(concurrent[t].size(), traces[t].size());
    EXPECT_LE(static_cast<AdaptivePolicy&>(*policy).psel(), AdaptivePolicy::kPselMax);
  } else {
    for (uint32_t t = 0; t < kThreads; ++t) EXPECT_EQ(concurrent[t], sequential[t]) << t;
  }
}

INSTANTIATE_TEST_SUITE_P(All, ConcurrentSets,
                         ::testing::Values(PolicyKind::Lru, PolicyKind::TreePlru, PolicyKind::Fifo,
                                           PolicyKind::Random, PolicyKind::Adaptive),
                         [](const auto& info) { return std::string(policy_name(info.param)); });

TEST(ConcurrentLeaders, PselLosesNoUpdate) {
  // 256 sets: 8 LRU leaders and 8 BIP leaders. Each thread owns two leaders of one kind and
  // fills them 120 times: 4 threads x 120 = 480 steps from 511 stay inside 0..1023, so the
  // result is exact unless an update was lost.
  constexpr uint32_t kManySets = 256;
  auto policy = make_policy(PolicyKind::Adaptive, kManySets, kWays, 1);
  auto& adaptive = static_cast<AdaptivePolicy&>(*policy);
  for (auto role : {AdaptivePolicy::SetRole::LruLeader, AdaptivePolicy::SetRole::BipLeader}) {
    std::vector<uint32_t> leaders;
    for (uint32_t s = 0; s < kManySets; ++s) {
      if (adaptive.role(s) == role) leaders.push_back(s);
    }
    ASSERT_EQ(leaders.size(), 2 * kThreads);
    adaptive.reset();
    std::vector<std::thread> threads;
    for (uint32_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (uint32_t i = 0; i < 120; ++i) policy->on_fill(leaders[2 * t + i % 2], i % kWays);
      });
    }
    for (std::thread& th : threads) th.join();
    const uint32_t expected = role == AdaptivePolicy::SetRole::LruLeader
                                  ? AdaptivePolicy::kPselInitial + 480
                                  : AdaptivePolicy::kPselInitial - 480;
    EXPECT_EQ(adaptive.psel(), expected);
  }
}

}  // namespace
}  // namespace vm::mem::tlb::test
