#include "harness/compare/comparison_table.h"
#include "harness/compare/formatters.h"

namespace harness::compare {

namespace json = boost::json;

namespace {

json::value optional_count(const std::optional<uint64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

}  // namespace

json::object format_json(const Comparison& c) {
  json::array benchmarks;
  for (const auto& b : c.benchmarks) {
    json::array counters;
    for (const auto& change : b.counter_changes) {
      counters.push_back(json::object{{"name", change.name},
                                      {"base", optional_count(change.base)},
                                      {"new", optional_count(change.next)}});
    }
    benchmarks.push_back(json::object{
        {"name", b.name},
        {"kind", b.kind},
        {"verdict", to_string(b.verdict)},
        {"reason", b.reason},
        {"base_median_ns", b.base_median_ns},
        {"new_median_ns", b.new_median_ns},
        {"raw_ratio", b.raw_ratio},
        {"normalized_ratio", b.normalized_ratio ? json::value(*b.normalized_ratio) : nullptr},
        {"judged_normalized", b.judged_normalized},
        {"ratio", b.ratio},
        {"ci", json::array{b.ci_low, b.ci_high}},
        {"p_value", b.p_value},
        {"noise_floor", b.noise_floor},
        {"effective_threshold", b.effective_threshold},
        {"samples", json::array{b.base_samples, b.new_samples}},
        {"runs", json::array{b.base_runs, b.new_runs}},
        {"counter_changes", std::move(counters)},
    });
  }
  json::array warnings;
  for (const auto& w : c.warnings) warnings.emplace_back(w);
  return {{"base", c.base_origin},
          {"new", c.new_origin},
          {"fingerprint", c.fingerprint},
          {"cross_machine", c.cross_machine},
          {"warnings", std::move(warnings)},
          {"environment",
           {{"available", c.environment.available},
            {"suspect", c.environment.suspect},
            {"calibration_ratio", c.environment.calibration_ratio},
            {"limit", c.environment.limit},
            {"message", c.environment.message}}},
          {"rule",
           {{"threshold", c.options.rule.threshold},
            {"alpha", c.options.rule.alpha},
            {"noise_k", c.options.rule.noise_k},
            {"normalized", c.options.normalize},
            {"confidence", c.options.confidence}}},
          {"benchmarks", std::move(benchmarks)},
          {"summary", summary_line(c)},
          {"exit_code", c.exit_code()}};
}

}  // namespace harness::compare
