#include "harness/compare/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "harness/environment/fingerprint.h"
#include "harness/stats/bootstrap.h"
#include "harness/stats/mann_whitney.h"
#include "harness/stats/noise_floor.h"
#include "harness/stats/summary.h"

namespace harness::compare {

namespace {

using results::Benchmark;
using results::Results;
using results::Status;

constexpr const char* kControl = "control/calibration";

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", fraction * 100);
  return buf;
}

// Median of the control benchmark per run, to divide out common-mode machine drift.
std::map<int, double> control_medians(const Results& r) {
  std::map<int, double> out;
  const Benchmark* control = r.find(kControl);
  if (!control || control->status != Status::Ok) return out;
  std::map<int, std::vector<double>> by_run;
  for (size_t i = 0; i < control->wall_ns.size(); ++i) {
    by_run[control->run[i]].push_back(control->wall_ns[i]);
  }
  for (auto& [run, samples] : by_run) out[run] = stats::median(samples);
  return out;
}

// Samples grouped by run, each divided by its run's control median when `control` is given
// (then the values are "times the control", comparable across runs and machines states).
stats::Groups groups(const Benchmark& b, const std::map<int, double>* control) {
  std::map<int, std::vector<double>> by_run;
  for (size_t i = 0; i < b.wall_ns.size(); ++i) {
    const double scale = control ? 1.0 / control->at(b.run[i]) : 1.0;
    by_run[b.run[i]].push_back(b.wall_ns[i] * scale);
  }
  stats::Groups out;
  for (auto& [run, samples] : by_run) out.push_back(std::move(samples));
  return out;
}

std::vector<double> pooled(const stats::Groups& g) {
  std::vector<double> out;
  for (const auto& run : g) out.insert(out.end(), run.begin(), run.end());
  return out;
}

bool covers_runs(const Benchmark& b, const std::map<int, double>& control) {
  return std::all_of(b.run.begin(), b.run.end(), [&](int r) { return control.count(r) > 0; });
}

std::vector<CounterChange> counter_changes(const Benchmark& base, const Benchmark& next) {
  std::vector<CounterChange> out;
  std::set<std::string> names;
  for (const auto& [k, v] : base.counters) names.insert(k);
  for (const auto& [k, v] : next.counters) names.insert(k);
  for (const auto& name : names) {
    auto b = base.counters.find(name), n = next.counters.find(name);
    std::optional<uint64_t> bv, nv;
    if (b != base.counters.end()) bv = b->second;
    if (n != next.counters.end()) nv = n->second;
    if (bv != nv) out.push_back({name, bv, nv});
  }
  return out;
}

BenchmarkComparison compare_benchmark(const Benchmark& base, const Benchmark& next,
                                      const std::map<int, double>& base_control,
                                      const std::map<int, double>& new_control,
                                      const CompareOptions& options) {
  BenchmarkComparison c;
  c.name = next.name;
  c.kind = next.kind;
  c.base_samples = base.wall_ns.size();
  c.new_samples = next.wall_ns.size();
  c.base_runs = base.summary.run_medians_ns.size();
  c.new_runs = next.summary.run_medians_ns.size();
  c.base_median_ns = base.summary.median_ns;
  c.new_median_ns = next.summary.median_ns;
  if (base.status == Status::Failed || next.status == Status::Failed) {
    c.verdict = Verdict::Failed;
    c.reason = next.status == Status::Failed ? "new: " + next.message : "baseline: " + base.message;
    return c;
  }
  if (base.status == Status::Ok && next.status == Status::Ok) {
    c.counter_changes = counter_changes(base, next);
  }
  if (c.base_samples == 0 || c.new_samples == 0) {
    c.verdict = Verdict::Noisy;
    c.reason = "no samples on one side";
    return c;
  }
  c.raw_ratio = c.new_median_ns / c.base_median_ns;
  const bool can_normalize = next.kind != "control" && !base_control.empty() &&
                             !new_control.empty() && covers_runs(base, base_control) &&
                             covers_runs(next, new_control);
  const stats::Groups raw_base = groups(base, nullptr), raw_new = groups(next, nullptr);
  stats::Groups judged_base = raw_base, judged_new = raw_new;
  if (can_normalize) {
    const stats::Groups norm_base = groups(base, &base_control);
    const stats::Groups norm_new = groups(next, &new_control);
    c.normalized_ratio = stats::median(pooled(norm_new)) / stats::median(pooled(norm_base));
    if (options.normalize) {
      judged_base = norm_base;
      judged_new = norm_new;
      c.judged_normalized = true;
    }
  }
  const auto interval = stats::bootstrap_ratio_of_medians(
      judged_base, judged_new, options.confidence, options.bootstrap_resamples, options.seed);
  c.ratio = interval.estimate;
  c.ci_low = interval.lower;
  c.ci_high = interval.upper;
  const std::vector<double> a = pooled(judged_base), b = pooled(judged_new);
  c.p_value = stats::mann_whitney_u(a, b).p_value;
  std::vector<double> run_medians;
  for (const auto& run : judged_base) run_medians.push_back(stats::median(run));
  c.noise_floor = stats::noise_floor(run_medians);

  TimeEvidence evidence{c.ratio,       c.ci_low,       c.ci_high,    c.p_value,
                        c.noise_floor, c.base_samples, c.new_samples};
  // A benchmark may carry its own, larger threshold from its suite (docs/adding-a-workload.md).
  VerdictRule rule = options.rule;
  rule.threshold = std::max({rule.threshold, base.threshold, next.threshold});
  const Decision d = decide(evidence, rule);
  c.verdict = d.verdict;
  c.effective_threshold = d.effective_threshold;
  c.reason = d.reason;
  if (next.kind == "control") {
    // The control measures the machine, not the code: its change is reported (and judged in
    // the environment check), never counted as a regression of the VM.
    c.verdict = Verdict::Unchanged;
    c.reason = std::string("control: the machine's speed moved ") + percent(c.ratio - 1);
  }
  if (next.status == Status::Interrupted || base.status == Status::Interrupted) {
    c.reason += "; incomplete";
  }
  return c;
}

EnvironmentCheck check_environment(const Results& base, const Results& next,
                                   const CompareOptions& options) {
  EnvironmentCheck check;
  std::vector<double> base_runs, new_all;
  for (const auto& run : base.runs) {
    std::vector<double> all = run.calibration.start_ns;
    all.insert(all.end(), run.calibration.end_ns.begin(), run.calibration.end_ns.end());
    if (!all.empty()) base_runs.push_back(stats::median(all));
  }
  for (const auto& run : next.runs) {
    new_all.insert(new_all.end(), run.calibration.start_ns.begin(), run.calibration.start_ns.end());
    new_all.insert(new_all.end(), run.calibration.end_ns.begin(), run.calibration.end_ns.end());
  }
  if (base_runs.empty() || new_all.empty()) {
    check.message = "no calibration recorded on one side";
    return check;
  }
  check.available = true;
  check.calibration_ratio = stats::median(new_all) / stats::median(base_runs);
  check.limit =
      std::max(options.rule.threshold, options.rule.noise_k * stats::noise_floor(base_runs));
  const double change = check.calibration_ratio - 1;
  check.suspect = std::abs(change) > check.limit;
  check.message = std::string("calibration ") + percent(change) + " vs baseline (limit ±" +
                  percent(check.limit).substr(1) + ")";
  if (check.suspect) {
    check.message += ": the machine itself runs at a different speed; time verdicts are suspect";
  }
  return check;
}

}  // namespace

int Comparison::count(Verdict v) const {
  return static_cast<int>(
      std::count_if(benchmarks.begin(), benchmarks.end(),
                    [v](const BenchmarkComparison& b) { return b.verdict == v; }));
}

int Comparison::counter_changes() const {
  int n = 0;
  for (const auto& b : benchmarks) n += b.counter_changes.empty() ? 0 : 1;
  return n;
}

int Comparison::exit_code() const {
  if (count(Verdict::Regression) > 0 || count(Verdict::Failed) > 0) return 1;
  if (options.fail_on_counters && counter_changes() > 0) return 1;
  return 0;
}

Comparison compare(const Results& base, const std::string& base_origin, const Results& next,
                   const std::string& new_origin, const CompareOptions& options) {
  Comparison out;
  out.options = options;
  out.base_origin = base_origin;
  out.new_origin = new_origin;
  out.fingerprint = next.fingerprint;
  if (base.suite != next.suite) {
    throw CompareError("cannot compare suite '" + base.suite + "' (" + base_origin +
                       ") with suite '" + next.suite + "' (" + new_origin + ")");
  }
  if (base.fingerprint != next.fingerprint) {
    std::string fields;
    for (const auto& field :
         environment::differing_fields(base.fingerprint_inputs, next.fingerprint_inputs)) {
      fields += (fields.empty() ? "" : ", ") + field;
    }
    const std::string what = "fingerprints differ (" + base.fingerprint + " vs " +
                             next.fingerprint + ") in: " + (fields.empty() ? "?" : fields);
    if (!options.allow_cross_machine) {
      throw CompareError(what +
                         "; results of different machines or builds are not comparable "
                         "(--allow-cross-machine to compare anyway)");
    }
    out.cross_machine = true;
    out.warnings.push_back("CROSS-MACHINE comparison: " + what +
                           "; differences may come from the machine, not the code");
  }
  for (const auto* r : {&base, &next}) {
    if (!r->complete) {
      const std::string& origin = r == &base ? base_origin : new_origin;
      if (!options.allow_incomplete) {
        throw CompareError(origin +
                           ": results are incomplete (the run was interrupted); "
                           "--allow-incomplete to compare what finished");
      }
      out.warnings.push_back(origin + ": incomplete results (interrupted run)");
    }
  }
  if (base.runs.size() < 2) {
    out.warnings.push_back(std::string("baseline has ") + std::to_string(base.runs.size()) +
                           " run: no between-run noise floor, so machine noise can look like a "
                           "change (bless a baseline from several runs)");
  }
  out.environment = check_environment(base, next, options);

  const auto base_control = control_medians(base), new_control = control_medians(next);
  if (options.normalize && (base_control.empty() || new_control.empty())) {
    out.warnings.push_back("no control benchmark on one side: ratios are not normalised");
  }
  for (const Benchmark& n : next.benchmarks) {
    const Benchmark* b = base.find(n.name);
    if (!b) {
      BenchmarkComparison c;
      c.name = n.name;
      c.kind = n.kind;
      c.verdict = n.status == Status::Failed ? Verdict::Failed : Verdict::Added;
      c.reason = n.status == Status::Failed ? "new: " + n.message : "not in the baseline";
      c.new_median_ns = n.summary.median_ns;
      c.new_samples = n.wall_ns.size();
      out.benchmarks.push_back(std::move(c));
      continue;
    }
    out.benchmarks.push_back(compare_benchmark(*b, n, base_control, new_control, options));
  }
  for (const Benchmark& b : base.benchmarks) {
    if (next.find(b.name)) continue;
    BenchmarkComparison c;
    c.name = b.name;
    c.kind = b.kind;
    c.verdict = Verdict::Missing;
    c.reason = "in the baseline but not in the new results";
    c.base_median_ns = b.summary.median_ns;
    out.benchmarks.push_back(std::move(c));
  }
  return out;
}

}  // namespace harness::compare
