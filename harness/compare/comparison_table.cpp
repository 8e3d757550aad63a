#include "harness/compare/comparison_table.h"

#include "harness/support/duration_text.h"

#include <algorithm>
#include <cstdio>

namespace harness::compare {

namespace {

std::string fixed(const char* format, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

int rank(Verdict v) {
  switch (v) {
    case Verdict::Failed: return 0;
    case Verdict::Regression: return 1;
    case Verdict::Improvement: return 2;
    case Verdict::Noisy: return 3;
    case Verdict::Missing: return 4;
    case Verdict::Added: return 5;
    case Verdict::Unchanged: return 6;
  }
  return 6;
}

std::string p_text(double p) { return p < 0.0001 ? "<0.0001" : fixed("%.4f", p); }

std::string counter_text(const std::optional<uint64_t>& v) { return v ? std::to_string(*v) : "-"; }

}  // namespace

Table benchmark_table(const Comparison& c) {
  Table t;
  t.header = {"benchmark", "base", "new",         "ratio",  "normalised",
              "95% CI",    "p",    "noise floor", "verdict"};
  t.right_aligned = {false, true, true, true, true, true, true, true, false};
  std::vector<const BenchmarkComparison*> order;
  for (const auto& b : c.benchmarks) order.push_back(&b);
  std::stable_sort(order.begin(), order.end(),
                   [](auto* a, auto* b) { return rank(a->verdict) < rank(b->verdict); });
  for (const auto* b : order) {
    const bool timed = b->base_samples > 0 && b->new_samples > 0 && b->verdict != Verdict::Failed;
    std::vector<std::string> row = {b->name};
    row.push_back(b->base_median_ns > 0 ? support::duration_text(b->base_median_ns) : "-");
    row.push_back(b->new_median_ns > 0 ? support::duration_text(b->new_median_ns) : "-");
    row.push_back(timed ? fixed("%.3f", b->raw_ratio) : "-");
    row.push_back(timed && b->normalized_ratio ? fixed("%.3f", *b->normalized_ratio) : "-");
    row.push_back(timed ? std::string("[") + fixed("%.3f", b->ci_low) + std::string(", ") +
                              fixed("%.3f", b->ci_high) + "]"
                        : "-");
    row.push_back(timed ? p_text(b->p_value) : "-");
    row.push_back(timed ? fixed("%.1f%%", b->noise_floor * 100) : "-");
    std::string verdict = to_string(b->verdict);
    if (!b->reason.empty()) verdict += " (" + b->reason + ")";
    if (!b->counter_changes.empty()) {
      verdict +=
          std::string("; ") + std::to_string(b->counter_changes.size()) + " counter(s) changed";
    }
    row.push_back(verdict);
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table counter_table(const Comparison& c) {
  Table t;
  t.header = {"benchmark", "counter", "base", "new", "change"};
  t.right_aligned = {false, false, true, true, true};
  for (const auto& b : c.benchmarks) {
    for (const auto& change : b.counter_changes) {
      std::string delta = "-";
      if (change.base && change.next && *change.base > 0) {
        delta = fixed("%+.3f%%", (static_cast<double>(*change.next) / *change.base - 1) * 100);
      }
      t.rows.push_back(
          {b.name, change.name, counter_text(change.base), counter_text(change.next), delta});
    }
  }
  return t;
}

std::string summary_line(const Comparison& c) {
  auto plural = [](int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string line = plural(c.count(Verdict::Regression), "regression", "regressions") + ", " +
                     plural(c.count(Verdict::Improvement), "improvement", "improvements") + ", " +
                     std::to_string(c.count(Verdict::Unchanged)) + " unchanged, " +
                     std::to_string(c.count(Verdict::Noisy)) + " noisy";
  if (c.count(Verdict::Failed) > 0)
    line += std::string(", ") + std::to_string(c.count(Verdict::Failed)) + " failed";
  if (c.count(Verdict::Missing) > 0) {
    line += std::string(", ") + std::to_string(c.count(Verdict::Missing)) + " missing";
  }
  if (c.count(Verdict::Added) > 0)
    line += std::string(", ") + std::to_string(c.count(Verdict::Added)) + " new";
  line += std::string("; ") + plural(c.counter_changes(), "benchmark with changed counters",
                                     "benchmarks with changed counters");
  if (c.environment.suspect) line += "; ENVIRONMENT SUSPECT";
  line += std::string(" -> exit ") + std::to_string(c.exit_code());
  return line;
}

std::vector<std::string> preamble(const Comparison& c) {
  std::vector<std::string> lines;
  lines.push_back("base: " + c.base_origin);
  lines.push_back("new:  " + c.new_origin);
  lines.push_back("fingerprint: " + c.fingerprint + (c.cross_machine ? " (CROSS-MACHINE)" : ""));
  const auto& r = c.options.rule;
  lines.push_back(std::string("rule: regression if p < ") + fixed("%g", r.alpha) +
                  ", ratio beyond max(" + fixed("%g%%", r.threshold * 100) + std::string(", ") +
                  fixed("%g", r.noise_k) + std::string(" x noise floor) and the ") +
                  fixed("%g%%", c.options.confidence * 100) + " CI excludes 1; judged on " +
                  (c.options.normalize ? "control-normalised" : "raw") + " times");
  lines.push_back("environment: " + c.environment.message);
  for (const auto& w : c.warnings) lines.push_back("WARNING: " + w);
  return lines;
}

}  // namespace harness::compare
