// How far apart repeated runs of the same build land: the between-run noise that a difference
// between two builds has to exceed before it means anything. Both functions take one value per
// run, normally each run's median.
//
// Errors: std::invalid_argument when run_medians is empty or contains NaN, and (for
// relative_spread, or noise_floor with two or more runs) when the median of run_medians is not
// positive.
#pragma once

#include <span>

namespace harness::stats {

// (max - min) / median of the run medians: the full range relative to the typical run. 0 for a
// single run.
double relative_spread(std::span<const double> run_medians);

// relative_spread / 2: the half-range relative to the median, i.e. how far a run may land from
// the middle. 0 for a single run (no evidence about run-to-run noise).
double noise_floor(std::span<const double> run_medians);

}  // namespace harness::stats
