// Joins separate runs of the same suite on the same machine into one multi-run result: a
// baseline is made this way, and `vmbench run --runs=N` too. Samples keep the run they came
// from, so statistics can tell within-run from between-run variation.
#pragma once

#include <string>
#include <vector>

#include "harness/results/results.h"

namespace harness::results {

// Throws ResultsError naming the origin and the conflict (different suites or fingerprints,
// a benchmark defined differently, deterministic counters that differ).
Results merge_runs(const std::vector<Results>& parts, const std::vector<std::string>& origins);

}  // namespace harness::results
