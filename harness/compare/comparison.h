// Compares two results files benchmark by benchmark: time with statistics (medians, raw and
// control-normalised ratios, a bootstrap interval, the U test, the baseline's between-run noise
// floor, see verdict.h) and deterministic counters with equality.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/compare/verdict.h"
#include "harness/results/results.h"

namespace harness::compare {

// Results that cannot be compared (exit status 2); what() is one line.
class CompareError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CompareOptions {
  VerdictRule rule;
  bool normalize = true;  // judge on control-normalised ratios when both sides have the control
  double confidence = 0.95;
  int bootstrap_resamples = 2000;
  uint64_t seed = 0x76626d;
  bool allow_cross_machine = false;
  bool allow_incomplete = false;
  bool fail_on_counters = false;  // a changed deterministic counter counts as a regression
};

struct CounterChange {
  std::string name;
  std::optional<uint64_t> base;
  std::optional<uint64_t> next;
};

struct BenchmarkComparison {
  std::string name;
  std::string kind;
  Verdict verdict = Verdict::Unchanged;
  std::string reason;
  double base_median_ns = 0;
  double new_median_ns = 0;
  double raw_ratio = 1;
  std::optional<double> normalized_ratio;
  bool judged_normalized = false;  // which ratio the verdict and interval are about
  double ratio = 1;
  double ci_low = 1;
  double ci_high = 1;
  double p_value = 1;
  double noise_floor = 0;
  double effective_threshold = 0;
  size_t base_samples = 0;
  size_t new_samples = 0;
  size_t base_runs = 0;
  size_t new_runs = 0;
  std::vector<CounterChange> counter_changes;
};

struct EnvironmentCheck {
  bool available = false;
  bool suspect = false;
  double calibration_ratio = 1;  // new / base median of the calibration passes
  double limit = 0;              // the change beyond which the machine is suspect
  std::string message;
};

struct Comparison {
  std::string base_origin;
  std::string new_origin;
  std::string fingerprint;
  bool cross_machine = false;
  std::vector<std::string> warnings;
  EnvironmentCheck environment;
  std::vector<BenchmarkComparison> benchmarks;
  CompareOptions options;

  int count(Verdict v) const;
  int counter_changes() const;
  // 0: no regression; 1: regression(s) or failed benchmarks.
  int exit_code() const;
};

// Throws CompareError for different suites, different fingerprints (unless allowed; the message
// names the differing fields), or incomplete results (unless allowed).
Comparison compare(const results::Results& base, const std::string& base_origin,
                   const results::Results& next, const std::string& new_origin,
                   const CompareOptions& options);

}  // namespace harness::compare
