// Summaries of one sample (see summary.h). Order statistics come from std::nth_element on a
// copy: linear time, and a quantile needs at most two order statistics.
#include "harness/stats/summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "harness/stats/input_checks.h"

namespace harness::stats {
namespace {

// numpy's _lerp: a + (b - a) * t, but computed from b's end when t >= 0.5 so that t = 1
// gives b exactly and the result is monotone in t.
double lerp(double a, double b, double t) {
  double diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

// The median of values whose order may be changed; values is not empty.
double median_unchecked(std::span<double> values) {
  size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + middle, values.end());
  double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  // After nth_element everything before `middle` is <= upper; the lower middle is their largest.
  double lower = *std::max_element(values.begin(), values.begin() + middle);
  return std::midpoint(lower, upper);
}

}  // namespace

double minimum(std::span<const double> values) {
  detail::require_values(values, "minimum");
  return *std::min_element(values.begin(), values.end());
}

double maximum(std::span<const double> values) {
  detail::require_values(values, "maximum");
  return *std::max_element(values.begin(), values.end());
}

double mean(std::span<const double> values) {
  detail::require_values(values, "mean");
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double sample_stddev(std::span<const double> values) {
  detail::require_values(values, "sample_stddev");
  if (values.size() < 2) detail::fail("sample_stddev", "needs at least two values");
  // Two passes: summing squared deviations from the mean avoids the cancellation of
  // sum(x^2) - n * mean^2 when the spread is small relative to the values (timings).
  double m = mean(values);
  double squares = 0;
  for (double v : values) squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

double median(std::span<const double> values) {
  detail::require_values(values, "median");
  std::vector<double> copy(values.begin(), values.end());
  return median_unchecked(copy);
}

double median_in_place(std::span<double> values) {
  detail::require_values(values, "median_in_place");
  return median_unchecked(values);
}

double quantile(std::span<const double> values, double probability) {
  detail::require_values(values, "quantile");
  if (!(probability >= 0 && probability <= 1)) {
    detail::fail("quantile", "probability must be in [0, 1], got " + std::to_string(probability));
  }
  std::vector<double> copy(values.begin(), values.end());
  double h = static_cast<double>(copy.size() - 1) * probability;
  size_t below = static_cast<size_t>(std::floor(h));
  double t = h - static_cast<double>(below);
  std::nth_element(copy.begin(), copy.begin() + below, copy.end());
  double low = copy[below];
  // t == 0 also covers probability == 1, and keeps an infinite neighbour out of the sum.
  if (t == 0 || below + 1 >= copy.size()) return low;
  // Everything after position `below` is >= low; the next order statistic is their minimum.
  double high = *std::min_element(copy.begin() + below + 1, copy.end());
  return lerp(low, high, t);
}

double mad(std::span<const double> values) {
  detail::require_values(values, "mad");
  std::vector<double> deviations(values.begin(), values.end());
  double center = median_unchecked(deviations);
  for (size_t i = 0; i < values.size(); ++i) deviations[i] = std::abs(values[i] - center);
  return median_unchecked(deviations);
}

double mad_scaled(std::span<const double> values) {
  detail::require_values(values, "mad_scaled");
  return kMadNormalScale * mad(values);
}

}  // namespace harness::stats
