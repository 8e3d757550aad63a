// Between-run spread of run medians (see noise_floor.h).
#include "harness/stats/noise_floor.h"

#include <string>

#include "harness/stats/input_checks.h"
#include "harness/stats/summary.h"

namespace harness::stats {

double relative_spread(std::span<const double> run_medians) {
  detail::require_values(run_medians, "relative_spread");
  double center = median(run_medians);
  if (!(center > 0)) {
    detail::fail("relative_spread",
                 "the median of the run medians must be positive, got " + std::to_string(center));
  }
  return (maximum(run_medians) - minimum(run_medians)) / center;
}

double noise_floor(std::span<const double> run_medians) {
  detail::require_values(run_medians, "noise_floor");
  if (run_medians.size() == 1) return 0;
  return relative_spread(run_medians) / 2;
}

}  // namespace harness::stats
