// The hierarchical bootstrap of the ratio of medians (see bootstrap.h).
#include "harness/stats/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "harness/stats/input_checks.h"
#include "harness/stats/seeded_random.h"
#include "harness/stats/summary.h"

namespace harness::stats {
namespace {

void require_groups(const Groups& groups, const char* side) {
  std::string what = std::string("bootstrap_ratio_of_medians (") + side + ")";
  if (groups.empty()) detail::fail(what.c_str(), "no runs");
  for (const auto& run : groups) {
    if (run.empty()) detail::fail(what.c_str(), "a run has no samples");
    for (double v : run) {
      if (!std::isfinite(v) || v <= 0) {
        detail::fail(what.c_str(), "samples must be finite and positive, got " + std::to_string(v));
      }
    }
  }
}

// Resamples one side into `pool` (whose capacity is reused across rounds) and returns the
// median of the resample.
double resampled_median(const Groups& runs, SeededRandom& random, std::vector<double>& pool) {
  pool.clear();
  auto draw_from = [&](const std::vector<double>& run) {
    for (size_t i = 0; i < run.size(); ++i) pool.push_back(run[random.below(run.size())]);
  };
  if (runs.size() == 1) {
    draw_from(runs[0]);
  } else {
    for (size_t i = 0; i < runs.size(); ++i) draw_from(runs[random.below(runs.size())]);
  }
  return median_in_place(pool);
}

double pooled_median(const Groups& runs) {
  std::vector<double> pool;
  for (const auto& run : runs) pool.insert(pool.end(), run.begin(), run.end());
  return median_in_place(pool);
}

size_t largest_pool(const Groups& runs) {
  size_t largest_run = 0;
  for (const auto& run : runs) largest_run = std::max(largest_run, run.size());
  return runs.size() * largest_run;
}

}  // namespace

RatioInterval bootstrap_ratio_of_medians(const Groups& base, const Groups& next, double confidence,
                                         int resamples, uint64_t seed) {
  require_groups(base, "base");
  require_groups(next, "next");
  if (!(confidence > 0 && confidence < 1)) {
    detail::fail("bootstrap_ratio_of_medians",
                 "confidence must be strictly between 0 and 1, got " + std::to_string(confidence));
  }
  if (resamples < 1) {
    detail::fail("bootstrap_ratio_of_medians",
                 "resamples must be at least 1, got " + std::to_string(resamples));
  }

  SeededRandom random(seed);
  std::vector<double> base_pool, next_pool, ratios;
  base_pool.reserve(largest_pool(base));
  next_pool.reserve(largest_pool(next));
  ratios.reserve(static_cast<size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    double base_median = resampled_median(base, random, base_pool);
    double next_median = resampled_median(next, random, next_pool);
    ratios.push_back(next_median / base_median);
  }
  double tail = (1 - confidence) / 2;
  return {pooled_median(next) / pooled_median(base), quantile(ratios, tail),
          quantile(ratios, 1 - tail)};
}

}  // namespace harness::stats
