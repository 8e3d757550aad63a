#include "harness/compare/verdict.h"

#include <algorithm>
#include <cstdio>

namespace harness::compare {

namespace {

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100);
  return buf;
}

}  // namespace

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::Regression: return "regression";
    case Verdict::Improvement: return "improvement";
    case Verdict::Unchanged: return "unchanged";
    case Verdict::Noisy: return "noisy";
    case Verdict::Failed: return "failed";
    case Verdict::Missing: return "missing";
    case Verdict::Added: return "new";
  }
  return "failed";
}

Decision decide(const TimeEvidence& e, const VerdictRule& rule) {
  const double t = std::max(rule.threshold, rule.noise_k * e.noise_floor);
  if (e.base_samples < rule.min_samples || e.new_samples < rule.min_samples) {
    return {Verdict::Noisy, t,
            std::string("too few samples (") + std::to_string(e.base_samples) + " and " +
                std::to_string(e.new_samples) + std::string(", need ") +
                std::to_string(rule.min_samples) + ")"};
  }
  if (t > rule.max_effective) {
    return {
        Verdict::Noisy, t,
        std::string("between-run noise floor ") + percent(e.noise_floor) + " too wide to decide"};
  }
  const bool significant = e.p_value < rule.alpha;
  if (significant && e.ratio > 1 + t && e.ci_low > 1) {
    return {Verdict::Regression, t, std::string("slower beyond ") + percent(t)};
  }
  if (significant && e.ratio < 1 / (1 + t) && e.ci_high < 1) {
    return {Verdict::Improvement, t, std::string("faster beyond ") + percent(t)};
  }
  if (!significant) return {Verdict::Unchanged, t, "not significant"};
  if (e.ratio > 1 / (1 + t) && e.ratio < 1 + t)
    return {Verdict::Unchanged, t, std::string("within ") + percent(t)};
  return {Verdict::Unchanged, t, "confidence interval includes no change"};
}

}  // namespace harness::compare
