// The hierarchical bootstrap: golden intervals from an independent transcription of the
// algorithm (reference_values.py), reproducibility, and the properties an interval for a ratio
// of medians must have on synthetic data whose truth is known.
#include "harness/stats/bootstrap.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace harness::stats {
namespace {

// Synthetic timings: `runs` runs of `samples` values around `center`, each run shifted by
// run_offsets[r] (relative) and each sample by up to +-`jitter` (relative). The noise comes from
// std::mt19937_64's raw output, which the C++ standard fixes (no distribution involved), so
// the data are the same everywhere.
Groups synthetic(double center, std::vector<double> run_offsets, int samples, double jitter,
                 uint64_t seed) {
  std::mt19937_64 engine(seed);
  Groups groups;
  for (double offset : run_offsets) {
    std::vector<double> run;
    for (int i = 0; i < samples; ++i) {
      double unit = static_cast<double>(engine() >> 11) * 0x1p-53;  // [0, 1)
      run.push_back(center * (1 + offset) * (1 + jitter * (2 * unit - 1)));
    }
    groups.push_back(run);
  }
  return groups;
}

Groups scaled(const Groups& groups, double factor) {
  Groups result = groups;
  for (auto& run : result) {
    for (double& v : run) v *= factor;
  }
  return result;
}

Groups pooled_into_one_run(const Groups& groups) {
  std::vector<double> all;
  for (const auto& run : groups) all.insert(all.end(), run.begin(), run.end());
  return {all};
}

TEST(Bootstrap, GoldenIntervalsFromTheReferenceTranscription) {
  // reference_values.py resamples with its own xoshiro256**, Lemire and type-7 code; the
  // intervals are compared bit for bit (hexadecimal literals).
  Groups base = {{10.0, 10.4, 9.8, 10.1}, {10.6, 10.9, 10.7}, {9.9, 10.2, 10.0, 10.3, 10.1}};
  Groups next = {{11.2, 11.0, 11.5}, {10.8, 11.1, 11.3, 10.9}, {11.6, 11.4, 11.7}};
  RatioInterval r = bootstrap_ratio_of_medians(base, next, 0.95, 2000, 42);
  EXPECT_EQ(r.estimate, 0x1.1bbe6c74050b6p+0);  // 1.1083743842364533
  EXPECT_EQ(r.lower, 0x1.0991f1a515886p+0);     // 1.0373831775700935
  EXPECT_EQ(r.upper, 0x1.2666666666666p+0);     // 1.15

  Groups base_one = {{5.0, 5.2, 4.9, 5.1, 5.3, 5.05}}, next_one = {{5.5, 5.4, 5.8, 5.6, 5.45}};
  RatioInterval s = bootstrap_ratio_of_medians(base_one, next_one, 0.9, 1000, 7);
  EXPECT_EQ(s.estimate, 0x1.15703c8832719p+0);  // 1.0837438423645323
  EXPECT_EQ(s.lower, 0x1.0c4ec4ec4ec4fp+0);     // 1.0480769230769231
  EXPECT_EQ(s.upper, 0x1.219dbcc48676fp+0);     // 1.1313131313131313
}

TEST(Bootstrap, SameSeedSameBits) {
  Groups base = synthetic(100, {0, 0.01, -0.01, 0.02, 0}, 20, 0.03, 1);
  Groups next = synthetic(103, {0, -0.01, 0.01, 0, 0.02}, 20, 0.03, 2);
  RatioInterval first = bootstrap_ratio_of_medians(base, next, 0.95, 1000, 12345);
  RatioInterval second = bootstrap_ratio_of_medians(base, next, 0.95, 1000, 12345);
  EXPECT_EQ(std::bit_cast<uint64_t>(first.estimate), std::bit_cast<uint64_t>(second.estimate));
  EXPECT_EQ(std::bit_cast<uint64_t>(first.lower), std::bit_cast<uint64_t>(second.lower));
  EXPECT_EQ(std::bit_cast<uint64_t>(first.upper), std::bit_cast<uint64_t>(second.upper));
  RatioInterval other = bootstrap_ratio_of_medians(base, next, 0.95, 1000, 54321);
  EXPECT_EQ(other.estimate, first.estimate);  // the point estimate does not resample
  EXPECT_TRUE(other.lower != first.lower || other.upper != first.upper);
}

TEST(Bootstrap, IntervalContainsThePointEstimate) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Groups base = synthetic(100, {0, 0.02, -0.01}, 15, 0.05, seed);
    Groups next = synthetic(100, {0.01, 0, -0.02, 0.01}, 12, 0.05, seed + 100);
    RatioInterval r = bootstrap_ratio_of_medians(base, next, 0.95, 2000, seed);
    EXPECT_LE(r.lower, r.estimate) << "seed " << seed;
    EXPECT_GE(r.upper, r.estimate) << "seed " << seed;
  }
}

TEST(Bootstrap, TenPercentSlowerIsFoundAndExcludesOne) {
  Groups base = synthetic(100, {0, 0.01, -0.01, 0.005, -0.005}, 20, 0.02, 3);
  // The same measurements 10% slower, in a different run order.
  Groups next = scaled({base[3], base[0], base[4], base[1], base[2]}, 1.10);
  RatioInterval r = bootstrap_ratio_of_medians(base, next, 0.95, 10'000, 99);
  EXPECT_NEAR(r.estimate, 1.10, 1e-12);
  EXPECT_LT(r.lower, 1.10);
  EXPECT_GT(r.upper, 1.10);
  EXPECT_GT(r.lower, 1.0);
  EXPECT_GT(r.lower, 1.05);
  EXPECT_LT(r.upper, 1.15);

  // Independent noise on both sides: still around 1.10 and clear of 1.
  Groups independent = synthetic(110, {0.01, -0.01, 0, 0.005, -0.005}, 20, 0.02, 4);
  RatioInterval s = bootstrap_ratio_of_medians(base, independent, 0.95, 10'000, 99);
  EXPECT_NEAR(s.estimate, 1.10, 0.01);
  EXPECT_GT(s.lower, 1.0);
  EXPECT_LT(s.lower, 1.10);
  EXPECT_GT(s.upper, 1.09);
}

TEST(Bootstrap, IdenticalDataContainsOne) {
  Groups base = synthetic(100, {0, 0.01, -0.01, 0.02, -0.02}, 20, 0.03, 5);
  RatioInterval r = bootstrap_ratio_of_medians(base, base, 0.95, 5000, 6);
  EXPECT_EQ(r.estimate, 1);
  EXPECT_LT(r.lower, 1);
  EXPECT_GT(r.upper, 1);
}

TEST(Bootstrap, ConstantDataGiveAPointInterval) {
  Groups base = {{100, 100, 100}}, next = {{110, 110}, {110}};
  RatioInterval r = bootstrap_ratio_of_medians(base, next, 0.99, 500, 1);
  EXPECT_DOUBLE_EQ(r.estimate, 1.1);
  EXPECT_DOUBLE_EQ(r.lower, 1.1);
  EXPECT_DOUBLE_EQ(r.upper, 1.1);
}

TEST(Bootstrap, RunsThatDisagreeWidenTheInterval) {
  // Runs that land 4% apart from each other but are tight inside: the run, not the sample, is
  // the unit of independence. Resampling the same values as one pooled run ignores that and
  // gives a much narrower interval.
  Groups base = synthetic(100, {-0.04, -0.02, 0, 0.02, 0.04}, 20, 0.005, 7);
  Groups next = synthetic(100, {0.03, -0.03, 0.01, -0.01, 0}, 20, 0.005, 8);
  RatioInterval hierarchical = bootstrap_ratio_of_medians(base, next, 0.95, 5000, 9);
  RatioInterval flat = bootstrap_ratio_of_medians(pooled_into_one_run(base),
                                                  pooled_into_one_run(next), 0.95, 5000, 9);
  EXPECT_EQ(hierarchical.estimate, flat.estimate);
  double hierarchical_width = hierarchical.upper - hierarchical.lower;
  double flat_width = flat.upper - flat.lower;
  EXPECT_GT(hierarchical_width, 1.5 * flat_width)
      << "hierarchical " << hierarchical_width << ", flat " << flat_width;
}

TEST(Bootstrap, HigherConfidenceIsWider) {
  Groups base = synthetic(100, {0, 0.01, -0.01}, 20, 0.03, 10);
  Groups next = synthetic(102, {0, 0.01, -0.01}, 20, 0.03, 11);
  RatioInterval narrow = bootstrap_ratio_of_medians(base, next, 0.80, 4000, 12);
  RatioInterval wide = bootstrap_ratio_of_medians(base, next, 0.99, 4000, 12);
  EXPECT_LE(wide.lower, narrow.lower);
  EXPECT_GE(wide.upper, narrow.upper);
}

TEST(Bootstrap, RejectsBadArguments) {
  Groups good = {{1, 2, 3}};
  EXPECT_THROW(bootstrap_ratio_of_medians({}, good, 0.95, 100, 1), std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians(good, {}, 0.95, 100, 1), std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians({{1, 2}, {}}, good, 0.95, 100, 1), std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians({{1, 0}}, good, 0.95, 100, 1), std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians(good, {{1, -2}}, 0.95, 100, 1), std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians(good, {{1, std::nan("")}}, 0.95, 100, 1),
               std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians(good, {{1, std::numeric_limits<double>::infinity()}},
                                          0.95, 100, 1),
               std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians(good, good, 0, 100, 1), std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians(good, good, 1, 100, 1), std::invalid_argument);
  EXPECT_THROW(bootstrap_ratio_of_medians(good, good, 0.95, 0, 1), std::invalid_argument);
}

}  // namespace
}  // namespace harness::stats
