// summarize(): median, MAD, minimum, per-run medians and the noise floor, checked against values
// worked out by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/results/results.h"

namespace harness::results {
namespace {

using ::testing::DoubleEq;
using ::testing::ElementsAre;

Benchmark with_samples(std::vector<double> wall_ns, std::vector<int> run) {
  Benchmark b;
  b.name = "b";
  b.kind = "micro";
  b.wall_ns = std::move(wall_ns);
  b.run = std::move(run);
  summarize(b);
  return b;
}

TEST(Summary, TwoRuns) {
  // All: 10 11 12 29 30 31 33 -> median 29; |x - 29| = 19 18 17 0 1 2 4 -> MAD 4.
  // Run 0: 10 12 11 -> 11; run 1: 30 31 29 33 -> 30.5; noise floor (30.5 - 11) / 2 / 20.75.
  const Benchmark b = with_samples({10, 12, 11, 30, 31, 29, 33}, {0, 0, 0, 1, 1, 1, 1});
  EXPECT_EQ(b.summary.samples, 7u);
  EXPECT_DOUBLE_EQ(b.summary.median_ns, 29);
  EXPECT_DOUBLE_EQ(b.summary.mad_ns, 4);
  EXPECT_DOUBLE_EQ(b.summary.min_ns, 10);
  EXPECT_THAT(b.summary.run_medians_ns, ElementsAre(DoubleEq(11), DoubleEq(30.5)));
  EXPECT_DOUBLE_EQ(b.summary.noise_floor, (30.5 - 11) / 2 / 20.75);
}

TEST(Summary, InterleavedRunsKeepRunOrder) {
  // Run medians in run order 100, 104, 98: half range 3 around the median 100.
  const Benchmark b =
      with_samples({100, 104, 98, 101, 103, 97, 99, 105, 99}, {0, 1, 2, 0, 1, 2, 0, 1, 2});
  EXPECT_DOUBLE_EQ(b.summary.median_ns, 100);
  EXPECT_DOUBLE_EQ(b.summary.mad_ns, 2);  // |x - 100| sorted: 0 1 1 1 2 3 3 4 5
  EXPECT_DOUBLE_EQ(b.summary.min_ns, 97);
  EXPECT_THAT(b.summary.run_medians_ns, ElementsAre(DoubleEq(100), DoubleEq(104), DoubleEq(98)));
  EXPECT_DOUBLE_EQ(b.summary.noise_floor, 0.03);
}

TEST(Summary, EvenCountMedianAndMad) {
  const Benchmark b = with_samples({4, 1, 3, 2}, {0, 0, 0, 0});
  EXPECT_DOUBLE_EQ(b.summary.median_ns, 2.5);
  EXPECT_DOUBLE_EQ(b.summary.mad_ns, 1);  // 1.5 0.5 0.5 1.5
  EXPECT_DOUBLE_EQ(b.summary.min_ns, 1);
}

TEST(Summary, RunWithoutSamplesIsSkipped) {
  const Benchmark b = with_samples({10, 20, 30, 50}, {0, 0, 2, 2});
  EXPECT_THAT(b.summary.run_medians_ns, ElementsAre(DoubleEq(15), DoubleEq(40)));
  EXPECT_DOUBLE_EQ(b.summary.noise_floor, (40 - 15) / 2.0 / 27.5);
}

TEST(Summary, OneRunHasNoNoiseFloor) {
  const Benchmark b = with_samples({7, 9, 8}, {0, 0, 0});
  EXPECT_THAT(b.summary.run_medians_ns, ElementsAre(DoubleEq(8)));
  EXPECT_EQ(b.summary.noise_floor, 0);
}

TEST(Summary, NoSamples) {
  Benchmark b = with_samples({}, {});
  EXPECT_EQ(b.summary.samples, 0u);
  EXPECT_EQ(b.summary.median_ns, 0);
  EXPECT_EQ(b.summary.min_ns, 0);
  EXPECT_TRUE(b.summary.run_medians_ns.empty());
  // A stale summary is replaced, not kept.
  b.summary.median_ns = 42;
  b.summary.run_medians_ns = {1, 2};
  summarize(b);
  EXPECT_EQ(b.summary.median_ns, 0);
  EXPECT_TRUE(b.summary.run_medians_ns.empty());
}

TEST(Summary, StatusNames) {
  EXPECT_EQ(to_string(Status::Ok), "ok");
  EXPECT_EQ(to_string(Status::Failed), "failed");
  EXPECT_EQ(to_string(Status::Interrupted), "interrupted");
  for (Status s : {Status::Ok, Status::Failed, Status::Interrupted}) {
    EXPECT_EQ(status_from_string(to_string(s)), s);
  }
  EXPECT_EQ(status_from_string("OK"), std::nullopt);
  EXPECT_EQ(status_from_string(""), std::nullopt);
}

TEST(Summary, FindByName) {
  Results r;
  r.benchmarks.push_back(with_samples({1}, {0}));
  r.benchmarks.back().name = "a";
  r.benchmarks.push_back(with_samples({2}, {0}));
  r.benchmarks.back().name = "b";
  ASSERT_NE(r.find("b"), nullptr);
  EXPECT_EQ(r.find("b")->wall_ns, std::vector<double>{2});
  EXPECT_EQ(r.find("c"), nullptr);
}

}  // namespace
}  // namespace harness::results
