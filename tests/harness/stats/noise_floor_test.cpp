// The between-run spread of run medians, on values small enough to check by hand.
#include "harness/stats/noise_floor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace harness::stats {
namespace {

TEST(NoiseFloor, RangeOverMedian) {
  // Median 10, range 12 - 9 = 3: spread 0.3, half-range 0.15.
  std::vector<double> runs = {12, 9, 10};
  EXPECT_DOUBLE_EQ(relative_spread(runs), 0.3);
  EXPECT_DOUBLE_EQ(noise_floor(runs), 0.15);
  // Even count: median 2.5, range 3.
  std::vector<double> four = {4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(relative_spread(four), 1.2);
  EXPECT_DOUBLE_EQ(noise_floor(four), 0.6);
}

TEST(NoiseFloor, OneRunHasNoSpread) {
  EXPECT_EQ(relative_spread(std::vector<double>{7}), 0);
  EXPECT_EQ(noise_floor(std::vector<double>{7}), 0);
  EXPECT_EQ(noise_floor(std::vector<double>{0}), 0);  // one run: no division at all
}

TEST(NoiseFloor, IdenticalRunsHaveNoSpread) {
  EXPECT_EQ(noise_floor(std::vector<double>{5, 5, 5, 5}), 0);
}

TEST(NoiseFloor, RejectsBadInput) {
  EXPECT_THROW(relative_spread(std::vector<double>{}), std::invalid_argument);
  EXPECT_THROW(noise_floor(std::vector<double>{}), std::invalid_argument);
  EXPECT_THROW(noise_floor(std::vector<double>{1, std::nan("")}), std::invalid_argument);
  EXPECT_THROW(relative_spread(std::vector<double>{0, 0, 1}), std::invalid_argument);
  EXPECT_THROW(noise_floor(std::vector<double>{-3, -2, -1}), std::invalid_argument);
}

}  // namespace
}  // namespace harness::stats
