// Runs one pass of a suite in this process through Google Benchmark: calibration, a checked
// reference run of every guest program (its warm-up), then every repetition of every benchmark
// in random interleaved order with the control benchmark among them, then calibration again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/results/results.h"
#include "harness/suite/suite.h"

namespace harness::measure {

struct RunOptions {
  std::vector<std::string> program_dirs;  // where guest program names are looked up
  int repetitions = 0;                    // 0: as the suite says
  std::optional<int> cpu;                 // recorded; the caller pins
  std::vector<std::string> vm_config;     // key=value, applied after the suite's config
  // Replace every guest benchmark's engine / memory mode (A/B of paged vs flat is one flag).
  std::optional<std::string> engine;
  std::optional<std::string> memory;
  std::string filter;      // ECMAScript regex on names; empty: all
  std::string gbench_out;  // also write Google Benchmark JSON here
  bool interleave = true;
  bool quiet = false;
  int run_index = 0;
};

inline constexpr const char* kControlName = "control/calibration";
inline constexpr int kCalibrationPasses = 5;

// Fills suite, config, runs and benchmarks of the results; the caller adds the environment,
// fingerprint and command. A benchmark that fails is recorded as failed, never timed as fine.
results::Results run_suite(const suite::Suite& suite, const RunOptions& options);

}  // namespace harness::measure
