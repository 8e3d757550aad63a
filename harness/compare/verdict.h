// The decision rule of `vmbench compare` for one benchmark's time, kept apart from the
// statistics that feed it and from formatting, so it can be read and tested on its own:
//   regression  p < alpha AND ratio > 1 + T AND the CI's lower end > 1
//   improvement p < alpha AND ratio < 1 / (1 + T) AND the CI's upper end < 1
//   noisy       too few samples, or T so wide that no practical change could be seen
//   unchanged   otherwise
// where T = max(threshold, noise_k x the baseline's between-run noise floor).
#pragma once

#include <string>

namespace harness::compare {

enum class Verdict { Regression, Improvement, Unchanged, Noisy, Failed, Missing, Added };
std::string to_string(Verdict verdict);

struct VerdictRule {
  double threshold = 0.05;  // smallest change that matters in practice (5%)
  double alpha = 0.01;      // significance level of the U test
  // How many noise floors a change must exceed; chosen on validation run 1 and checked in
  // run 2 (docs/validation.md).
  double noise_k = 1.5;
  double max_effective = 0.25;  // a wider effective threshold means "noisy"
  size_t min_samples = 5;       // per side
};

struct TimeEvidence {
  double ratio = 1;  // new / base median (control-normalised when available)
  double ci_low = 1;
  double ci_high = 1;
  double p_value = 1;
  double noise_floor = 0;
  size_t base_samples = 0;
  size_t new_samples = 0;
};

struct Decision {
  Verdict verdict;
  double effective_threshold;
  std::string reason;  // one short clause saying why
};

Decision decide(const TimeEvidence& evidence, const VerdictRule& rule);

}  // namespace harness::compare
