// A confidence interval for the ratio of medians next / base (above 1: next is slower when the
// values are times), by a hierarchical bootstrap that respects how benchmark samples are taken:
// in several runs (separate processes), samples within a run sharing that run's luck (heap
// layout, frequency, placement). Resampling only the pooled samples would treat 5 runs x 20
// samples as 100 independent values and give intervals that are too narrow when runs differ.
//
// One resample of a side:
//  - with two or more runs: draw as many runs as it has, with replacement; from each drawn run
//    draw as many samples as that run has, with replacement; pool them and take the median;
//  - with one run: draw as many samples as it has, with replacement, and take the median.
// Each of the `resamples` rounds resamples base, then next, and records median(next*) /
// median(base*). The interval is the percentile interval of those ratios: their type-7
// quantiles (summary.h) at (1 - confidence) / 2 and (1 + confidence) / 2.
//
// Reproducible: the draws come from SeededRandom(seed) in the order above, so the same input,
// resamples and seed give the same interval, bit for bit, on every platform. Cost: one random
// number per resampled value, plus a linear-time median per side and round.
//
// Errors: std::invalid_argument when a side has no runs, a run has no values, a value is not
// finite and positive (a ratio of medians needs positive quantities, such as times), confidence
// is not strictly between 0 and 1, or resamples < 1.
#pragma once

#include <cstdint>
#include <vector>

namespace harness::stats {

// Samples grouped by run: groups[r] holds the samples of run r.
using Groups = std::vector<std::vector<double>>;

struct RatioInterval {
  double estimate;  // median of all of next's samples / median of all of base's samples
  double lower;
  double upper;
};

RatioInterval bootstrap_ratio_of_medians(const Groups& base, const Groups& next, double confidence,
                                         int resamples, uint64_t seed);

}  // namespace harness::stats
