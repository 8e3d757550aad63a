// Summaries against published values: numpy's and R's documentation examples, Microsoft's
// Excel examples (PERCENTILE.INC / QUARTILE.INC use the same type-7 definition) and
// Wikipedia's worked examples.
#include "harness/stats/summary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace harness::stats {
namespace {

TEST(Quantile, NumpyDocumentationExample) {
  // numpy.quantile / numpy.percentile docs: a = [[10, 7, 4], [3, 2, 1]];
  // quantile(a, 0.5) = 3.5, along axis 0 [6.5, 4.5, 2.5], along axis 1 [7., 2.].
  std::vector<double> a = {10, 7, 4, 3, 2, 1};
  EXPECT_EQ(quantile(a, 0.5), 3.5);
  EXPECT_EQ(quantile(std::vector<double>{10, 3}, 0.5), 6.5);
  EXPECT_EQ(quantile(std::vector<double>{7, 2}, 0.5), 4.5);
  EXPECT_EQ(quantile(std::vector<double>{4, 1}, 0.5), 2.5);
  EXPECT_EQ(quantile(std::vector<double>{10, 7, 4}, 0.5), 7);
  EXPECT_EQ(quantile(std::vector<double>{3, 2, 1}, 0.5), 2);
}

TEST(Quantile, RDefaultTypeSevenOnOneToTen) {
  // R: quantile(1:10) gives 0%: 1.00, 25%: 3.25, 50%: 5.50, 75%: 7.75, 100%: 10.00.
  std::vector<double> x = {7, 1, 10, 4, 2, 9, 3, 8, 5, 6};  // order must not matter
  EXPECT_EQ(quantile(x, 0), 1);
  EXPECT_EQ(quantile(x, 0.25), 3.25);
  EXPECT_EQ(quantile(x, 0.5), 5.5);
  EXPECT_EQ(quantile(x, 0.75), 7.75);
  EXPECT_EQ(quantile(x, 1), 10);
}

TEST(Quantile, ExcelInclusiveExamples) {
  // Microsoft docs: PERCENTILE.INC({1, 3, 2, 4}, 0.3) = 1.9 and
  // QUARTILE.INC({1, 2, 4, 7, 8, 9, 10, 12}, 1) = 3.5.
  EXPECT_DOUBLE_EQ(quantile(std::vector<double>{1, 3, 2, 4}, 0.3), 1.9);
  EXPECT_EQ(quantile(std::vector<double>{1, 2, 4, 7, 8, 9, 10, 12}, 0.25), 3.5);
}

TEST(Quantile, SingleValueAndInfiniteNeighbour) {
  EXPECT_EQ(quantile(std::vector<double>{42}, 0.3), 42);
  // h = 1 exactly: the result is x[1] even though x[2] is infinite.
  double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(quantile(std::vector<double>{1, 2, inf}, 0.5), 2);
}

TEST(Quantile, RejectsBadArguments) {
  std::vector<double> x = {1, 2, 3};
  EXPECT_THROW(quantile(std::vector<double>{}, 0.5), std::invalid_argument);
  EXPECT_THROW(quantile(x, -0.01), std::invalid_argument);
  EXPECT_THROW(quantile(x, 1.01), std::invalid_argument);
  EXPECT_THROW(quantile(x, std::nan("")), std::invalid_argument);
  EXPECT_THROW(quantile(std::vector<double>{1, std::nan(""), 3}, 0.5), std::invalid_argument);
}

TEST(Median, NumpyDocumentationExampleAndOddCount) {
  // numpy.median docs: a = [[10, 7, 4], [3, 2, 1]]; median(a) = 3.5.
  EXPECT_EQ(median(std::vector<double>{10, 7, 4, 3, 2, 1}), 3.5);
  EXPECT_EQ(median(std::vector<double>{3, 1, 2}), 2);
  EXPECT_EQ(median(std::vector<double>{5}), 5);
}

TEST(Median, InPlaceReordersButLeavesTheSameValues) {
  std::vector<double> x = {9, 1, 8, 2, 7, 3};
  EXPECT_EQ(median_in_place(x), 5);
  std::sort(x.begin(), x.end());
  EXPECT_EQ(x, (std::vector<double>{1, 2, 3, 7, 8, 9}));
}

TEST(Median, ConstInputIsLeftUntouched) {
  const std::vector<double> x = {9, 1, 8, 2, 7};
  median(x);
  quantile(x, 0.3);
  mad(x);
  EXPECT_EQ(x, (std::vector<double>{9, 1, 8, 2, 7}));
}

TEST(Mad, WikipediaExample) {
  // Wikipedia, "Median absolute deviation": for (1, 1, 2, 2, 4, 6, 9) the median is 2, the
  // absolute deviations (1, 1, 0, 0, 2, 4, 7) have median 1.
  std::vector<double> x = {1, 1, 2, 2, 4, 6, 9};
  EXPECT_EQ(mad(x), 1);
  EXPECT_DOUBLE_EQ(mad_scaled(x), 1.4826);
}

TEST(Mad, RDocumentationExample) {
  // R ?mad: mad(c(1:9)) is 2.9652, and
  // mad(c(1:9), constant = 1) == mad(c(1:8, 100), constant = 1) (= 2).
  std::vector<double> one_to_nine = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<double> outlier = {1, 2, 3, 4, 5, 6, 7, 8, 100};
  EXPECT_DOUBLE_EQ(mad_scaled(one_to_nine), 2.9652);
  EXPECT_EQ(mad(one_to_nine), 2);
  EXPECT_EQ(mad(outlier), 2);
}

TEST(SampleStddev, WikipediaExample) {
  // Wikipedia, "Standard deviation": 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and squared deviations
  // summing to 32, so the sample (n - 1) standard deviation is sqrt(32 / 7) ~ 2.138.
  std::vector<double> x = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_EQ(mean(x), 5);
  EXPECT_DOUBLE_EQ(sample_stddev(x), std::sqrt(32.0 / 7.0));
  // R ?sd: sd(1:2)^2 is 0.5.
  EXPECT_DOUBLE_EQ(sample_stddev(std::vector<double>{1, 2}), std::sqrt(0.5));
}

TEST(SampleStddev, SmallSpreadOnLargeValuesKeepsItsPrecision) {
  // sum(x^2) - n mean^2 would lose every digit here; the two-pass form does not.
  std::vector<double> x = {1e9 + 2, 1e9 + 4, 1e9 + 4, 1e9 + 4, 1e9 + 5, 1e9 + 5, 1e9 + 7, 1e9 + 9};
  EXPECT_DOUBLE_EQ(sample_stddev(x), std::sqrt(32.0 / 7.0));
}

TEST(Extremes, MinimumMaximumMean) {
  std::vector<double> x = {3, -1, 4, 1, 5};
  EXPECT_EQ(minimum(x), -1);
  EXPECT_EQ(maximum(x), 5);
  EXPECT_DOUBLE_EQ(mean(x), 12.0 / 5);
}

TEST(Summary, EmptyOrNanInputThrows) {
  std::vector<double> empty;
  std::vector<double> with_nan = {1, std::nan(""), 2};
  for (const auto& bad : {empty, with_nan}) {
    EXPECT_THROW(minimum(bad), std::invalid_argument);
    EXPECT_THROW(maximum(bad), std::invalid_argument);
    EXPECT_THROW(mean(bad), std::invalid_argument);
    EXPECT_THROW(sample_stddev(bad), std::invalid_argument);
    EXPECT_THROW(median(bad), std::invalid_argument);
    EXPECT_THROW(mad(bad), std::invalid_argument);
    EXPECT_THROW(mad_scaled(bad), std::invalid_argument);
  }
  EXPECT_THROW(sample_stddev(std::vector<double>{1}), std::invalid_argument);
  std::vector<double> empty_mutable;
  EXPECT_THROW(median_in_place(empty_mutable), std::invalid_argument);
}

TEST(Summary, ErrorMessageNamesTheFunction) {
  try {
    median(std::vector<double>{});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "harness::stats::median: empty input");
  }
}

}  // namespace
}  // namespace harness::stats
