// compare() on synthetic results whose truth is known (synthetic_results.h): A/A, injected
// slowdowns and speedups, common-mode machine drift that the control divides out, the
// environment check, counters, refusals (suite, fingerprint, incomplete), failed, missing and
// added benchmarks, and the bootstrap's reproducibility.
#include "harness/compare/comparison.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>

#include "synthetic_results.h"

namespace harness::compare {
namespace {

using synthetic::BenchmarkShape;
using synthetic::kControl;
using synthetic::make_results;
using synthetic::Shape;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const BenchmarkComparison& find(const Comparison& c, const std::string& name) {
  for (const auto& b : c.benchmarks) {
    if (b.name == name) return b;
  }
  throw std::out_of_range("no comparison for " + name);
}

Comparison run(const results::Results& base, const results::Results& next,
               const CompareOptions& options = {}) {
  return compare(base, "base.json", next, "new.json", options);
}

// The baseline every test starts from, and a new side drawn from the same distributions with a
// different seed.
Shape base_shape() { return Shape{}; }
Shape new_shape() {
  Shape s;
  s.seed = 2;
  s.run_offsets = {0.003, -0.005, 0.0};
  return s;
}

// Runs `f` and returns the CompareError's message (empty when nothing was thrown).
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const CompareError& e) {
    return e.what();
  }
  return "";
}

TEST(Compare, IdenticalDistributionsAreUnchanged) {
  const Comparison c = run(make_results(base_shape()), make_results(new_shape()));
  ASSERT_EQ(c.benchmarks.size(), 3u);
  for (const auto& b : c.benchmarks) {
    EXPECT_EQ(b.verdict, Verdict::Unchanged) << b.name << ": " << b.reason;
    EXPECT_NEAR(b.ratio, 1.0, 0.02) << b.name;
    EXPECT_TRUE(b.counter_changes.empty()) << b.name;
  }
  EXPECT_EQ(c.exit_code(), 0);
  EXPECT_FALSE(c.environment.suspect) << c.environment.message;
  EXPECT_TRUE(c.warnings.empty());
}

TEST(Compare, ReportsSampleAndRunCountsAndJudgesNormalisedRatios) {
  const Comparison c = run(make_results(base_shape()), make_results(new_shape()));
  const auto& b = find(c, "coremark_like/20");
  EXPECT_EQ(b.base_samples, 30u);
  EXPECT_EQ(b.new_samples, 30u);
  EXPECT_EQ(b.base_runs, 3u);
  EXPECT_EQ(b.new_runs, 3u);
  EXPECT_EQ(b.kind, "guest");
  ASSERT_TRUE(b.normalized_ratio.has_value());
  EXPECT_TRUE(b.judged_normalized);
  EXPECT_DOUBLE_EQ(b.ratio, *b.normalized_ratio);
  EXPECT_GT(b.noise_floor, 0);
  EXPECT_LE(b.ci_low, b.ratio);
  EXPECT_GE(b.ci_high, b.ratio);
}

TEST(Compare, ThirtyPercentSlowerIsARegression) {
  Shape slow = new_shape();
  slow.benchmarks[0].factor = 1.30;
  const Comparison c = run(make_results(base_shape()), make_results(slow));
  const auto& b = find(c, "coremark_like/20");
  EXPECT_EQ(b.verdict, Verdict::Regression) << b.reason;
  EXPECT_NEAR(b.raw_ratio, 1.30, 0.03);
  EXPECT_GT(b.ci_low, 1.2);
  EXPECT_LT(b.p_value, 0.01);
  EXPECT_EQ(find(c, "recursion/1").verdict, Verdict::Unchanged);
  EXPECT_EQ(c.count(Verdict::Regression), 1);
  EXPECT_EQ(c.exit_code(), 1);
}

TEST(Compare, APerBenchmarkThresholdFromTheSuiteRaisesTheBar) {
  Shape slow = new_shape();
  slow.benchmarks[0].factor = 1.15;
  results::Results base = make_results(base_shape());
  results::Results next = make_results(slow);
  EXPECT_EQ(find(run(base, next), "coremark_like/20").verdict, Verdict::Regression);
  for (auto* r : {&base, &next}) {
    for (auto& b : r->benchmarks) {
      if (b.name == "coremark_like/20") b.threshold = 0.20;
    }
  }
  const Comparison c = run(base, next);
  const auto& b = find(c, "coremark_like/20");
  EXPECT_EQ(b.verdict, Verdict::Unchanged) << b.reason;
  EXPECT_NEAR(b.effective_threshold, 0.20, 1e-12);
}

TEST(Compare, ThirtyPercentFasterIsAnImprovementAndExitsZero) {
  Shape fast = new_shape();
  fast.benchmarks[1].factor = 0.70;
  const Comparison c = run(make_results(base_shape()), make_results(fast));
  const auto& b = find(c, "recursion/1");
  EXPECT_EQ(b.verdict, Verdict::Improvement) << b.reason;
  EXPECT_NEAR(b.raw_ratio, 0.70, 0.02);
  EXPECT_LT(b.ci_high, 0.8);
  EXPECT_EQ(find(c, "coremark_like/20").verdict, Verdict::Unchanged);
  EXPECT_EQ(c.exit_code(), 0);
}

// The machine got 10% slower: every benchmark, the control and the calibration with it.
TEST(Compare, MachineDriftIsDividedOutByTheControl) {
  Shape drifted = new_shape();
  drifted.machine = 1.10;
  const Comparison c = run(make_results(base_shape()), make_results(drifted));
  for (const char* name : {"coremark_like/20", "recursion/1"}) {
    const auto& b = find(c, name);
    EXPECT_NEAR(b.raw_ratio, 1.10, 0.02) << name;
    ASSERT_TRUE(b.normalized_ratio.has_value()) << name;
    EXPECT_NEAR(*b.normalized_ratio, 1.0, 0.02) << name;
    EXPECT_EQ(b.verdict, Verdict::Unchanged) << name << ": " << b.reason;
  }
  EXPECT_EQ(c.exit_code(), 0);
}

TEST(Compare, MachineDriftIsARegressionWhenNotNormalised) {
  Shape drifted = new_shape();
  drifted.machine = 1.10;
  CompareOptions options;
  options.normalize = false;
  const Comparison c = run(make_results(base_shape()), make_results(drifted), options);
  for (const char* name : {"coremark_like/20", "recursion/1"}) {
    const auto& b = find(c, name);
    EXPECT_FALSE(b.judged_normalized) << name;
    EXPECT_NEAR(b.ratio, 1.10, 0.02) << name;
    EXPECT_EQ(b.verdict, Verdict::Regression) << name << ": " << b.reason;
  }
  EXPECT_EQ(find(c, kControl).verdict, Verdict::Unchanged);
  EXPECT_EQ(c.exit_code(), 1);
}

TEST(Compare, EnvironmentIsSuspectWhenTheCalibrationMoved) {
  Shape drifted = new_shape();
  drifted.calibration_factor = 1.10;  // beyond max(5%, 2 x the calibration's noise floor)
  const Comparison c = run(make_results(base_shape()), make_results(drifted));
  EXPECT_TRUE(c.environment.available);
  EXPECT_TRUE(c.environment.suspect) << c.environment.message;
  EXPECT_NEAR(c.environment.calibration_ratio, 1.10, 0.02);
  EXPECT_DOUBLE_EQ(c.environment.limit, 0.05);
  EXPECT_THAT(c.environment.message, HasSubstr("suspect"));
}

TEST(Compare, EnvironmentIsNotSuspectWithinTheLimit) {
  Shape moved = new_shape();
  moved.calibration_factor = 1.03;
  const Comparison c = run(make_results(base_shape()), make_results(moved));
  EXPECT_TRUE(c.environment.available);
  EXPECT_FALSE(c.environment.suspect) << c.environment.message;
  EXPECT_NEAR(c.environment.calibration_ratio, 1.03, 0.01);
}

TEST(Compare, EnvironmentLimitWidensWithTheCalibrationNoise) {
  Shape noisy = base_shape();
  noisy.run_offsets = {0.0, 0.08, -0.08};  // noise floor about 8%: limit about 16%
  Shape moved = new_shape();
  moved.calibration_factor = 1.10;
  const Comparison c = run(make_results(noisy), make_results(moved));
  EXPECT_GT(c.environment.limit, 0.12);
  EXPECT_FALSE(c.environment.suspect) << c.environment.message;
}

TEST(Compare, EnvironmentCheckIsUnavailableWithoutCalibration) {
  results::Results next = make_results(new_shape());
  for (auto& r : next.runs) r.calibration = {};
  const Comparison c = run(make_results(base_shape()), next);
  EXPECT_FALSE(c.environment.available);
  EXPECT_FALSE(c.environment.suspect);
  EXPECT_THAT(c.environment.message, HasSubstr("no calibration"));
}

TEST(Compare, TheControlNeverGetsARegressionVerdict) {
  Shape slow_control = new_shape();
  slow_control.control_factor = 1.30;
  for (bool normalize : {true, false}) {
    CompareOptions options;
    options.normalize = normalize;
    const Comparison c = run(make_results(base_shape()), make_results(slow_control), options);
    const auto& control = find(c, kControl);
    EXPECT_EQ(control.kind, "control");
    EXPECT_EQ(control.verdict, Verdict::Unchanged) << control.reason;
    EXPECT_THAT(control.reason, HasSubstr("control"));
    EXPECT_FALSE(control.normalized_ratio.has_value());
    EXPECT_NEAR(control.ratio, 1.30, 0.02);
  }
}

TEST(Compare, WithoutAControlRatiosAreRawAndAWarningSaysSo) {
  Shape base = base_shape(), next = new_shape();
  base.with_control = next.with_control = false;
  const Comparison c = run(make_results(base), make_results(next));
  EXPECT_THAT(c.warnings, Contains(HasSubstr("not normalised")));
  for (const auto& b : c.benchmarks) {
    EXPECT_FALSE(b.normalized_ratio.has_value()) << b.name;
    EXPECT_FALSE(b.judged_normalized) << b.name;
  }
}

TEST(Compare, ASingleRunBaselineIsWarnedAbout) {
  Shape one_run = base_shape();
  one_run.runs = 1;
  const Comparison c = run(make_results(one_run), make_results(new_shape()));
  EXPECT_THAT(c.warnings, Contains(HasSubstr("no between-run noise floor")));
}

TEST(Compare, CounterChangesAreListedWithBothValues) {
  results::Results base = make_results(base_shape());
  results::Results next = make_results(new_shape());
  synthetic::benchmark(next, "coremark_like/20").counters["guest.instructions_retired"] = 12345679;
  synthetic::benchmark(next, "coremark_like/20").counters["jit.blocks_compiled"] = 42;
  synthetic::benchmark(base, "recursion/1").counters["guest.syscalls"] = 7;

  const Comparison c = run(base, next);
  const auto& coremark = find(c, "coremark_like/20");
  EXPECT_EQ(coremark.verdict, Verdict::Unchanged) << coremark.reason;
  ASSERT_EQ(coremark.counter_changes.size(), 2u);
  const CounterChange& retired = coremark.counter_changes[0];
  EXPECT_EQ(retired.name, "guest.instructions_retired");
  EXPECT_EQ(retired.base, std::optional<uint64_t>(12345678));
  EXPECT_EQ(retired.next, std::optional<uint64_t>(12345679));
  const CounterChange& added = coremark.counter_changes[1];
  EXPECT_EQ(added.name, "jit.blocks_compiled");
  EXPECT_FALSE(added.base.has_value());
  EXPECT_EQ(added.next, std::optional<uint64_t>(42));

  const auto& recursion = find(c, "recursion/1");
  ASSERT_EQ(recursion.counter_changes.size(), 1u);
  EXPECT_EQ(recursion.counter_changes[0].name, "guest.syscalls");
  EXPECT_EQ(recursion.counter_changes[0].base, std::optional<uint64_t>(7));
  EXPECT_FALSE(recursion.counter_changes[0].next.has_value());

  EXPECT_EQ(c.counter_changes(), 2);
  EXPECT_EQ(c.exit_code(), 0);

  CompareOptions strict;
  strict.fail_on_counters = true;
  EXPECT_EQ(run(base, next, strict).exit_code(), 1);
  EXPECT_EQ(run(make_results(base_shape()), make_results(new_shape()), strict).exit_code(), 0);
}

TEST(Compare, DifferentFingerprintsAreRefusedNamingTheDifferingInputs) {
  results::Results base = make_results(base_shape());
  Shape other = new_shape();
  other.fingerprint = "fp-bbbb";
  results::Results next = make_results(other);
  next.fingerprint_inputs["cpu_model"] = "Another CPU @ 2.0GHz";
  next.fingerprint_inputs["numa_nodes"] = 2;  // only on the new side
  next.fingerprint_inputs.erase("l2_bytes");  // only on the base side

  const std::string what = error_of([&] { run(base, next); });
  EXPECT_THAT(what, HasSubstr("fingerprints differ"));
  EXPECT_THAT(what, HasSubstr("fp-aaaa"));
  EXPECT_THAT(what, HasSubstr("fp-bbbb"));
  EXPECT_THAT(what, HasSubstr("cpu_model"));
  EXPECT_THAT(what, HasSubstr("numa_nodes"));
  EXPECT_THAT(what, HasSubstr("l2_bytes"));
  EXPECT_THAT(what, AllOf(Not(HasSubstr("compiler")), Not(HasSubstr("build_type")),
                          Not(HasSubstr("cores"))));
  EXPECT_THAT(what, HasSubstr("--allow-cross-machine"));
  EXPECT_EQ(what.find('\n'), std::string::npos);
}

TEST(Compare, CrossMachineIsAWarningWhenAllowed) {
  Shape other = new_shape();
  other.fingerprint = "fp-bbbb";
  results::Results next = make_results(other);
  next.fingerprint_inputs["compiler"] = "Clang 16.0.6";
  CompareOptions options;
  options.allow_cross_machine = true;
  const Comparison c = run(make_results(base_shape()), next, options);
  EXPECT_TRUE(c.cross_machine);
  ASSERT_FALSE(c.warnings.empty());
  EXPECT_THAT(c.warnings, Contains(AllOf(HasSubstr("CROSS-MACHINE"), HasSubstr("compiler"))));
  EXPECT_EQ(c.fingerprint, "fp-bbbb");
  EXPECT_EQ(c.benchmarks.size(), 3u);
}

TEST(Compare, IncompleteResultsAreRefusedUnlessAllowed) {
  results::Results base = make_results(base_shape());
  results::Results next = make_results(new_shape());
  next.complete = false;
  synthetic::benchmark(next, "recursion/1").status = results::Status::Interrupted;

  const std::string what = error_of([&] { run(base, next); });
  EXPECT_THAT(
      what, AllOf(HasSubstr("new.json"), HasSubstr("incomplete"), HasSubstr("--allow-incomplete")));
  // The incomplete side may be either one; the message names it.
  EXPECT_THAT(error_of([&] { run(next, base); }), HasSubstr("base.json"));

  CompareOptions options;
  options.allow_incomplete = true;
  const Comparison c = run(base, next, options);
  EXPECT_THAT(c.warnings, Contains(HasSubstr("incomplete")));
  EXPECT_THAT(find(c, "recursion/1").reason, HasSubstr("incomplete"));
  EXPECT_EQ(c.exit_code(), 0);
}

TEST(Compare, DifferentSuitesAreRefused) {
  Shape other = new_shape();
  other.suite = "quick";
  const std::string what = error_of([&] { run(make_results(base_shape()), make_results(other)); });
  EXPECT_THAT(what, AllOf(HasSubstr("'tiny'"), HasSubstr("'quick'")));
  CompareOptions lenient;
  lenient.allow_cross_machine = true;
  lenient.allow_incomplete = true;
  EXPECT_THAT(error_of([&] { run(make_results(base_shape()), make_results(other), lenient); }),
              HasSubstr("cannot compare suite"));
}

TEST(Compare, AFailedBenchmarkOnTheNewSideFailsTheComparison) {
  results::Results next = make_results(new_shape());
  auto& failed = synthetic::benchmark(next, "recursion/1");
  failed.status = results::Status::Failed;
  failed.message = "stdout crc32 12345678, expected 9abcdef0";
  failed.wall_ns.clear();
  failed.run.clear();
  failed.counters.clear();
  results::summarize(failed);

  const Comparison c = run(make_results(base_shape()), next);
  const auto& b = find(c, "recursion/1");
  EXPECT_EQ(b.verdict, Verdict::Failed);
  EXPECT_THAT(b.reason, AllOf(HasSubstr("new"), HasSubstr("crc32")));
  EXPECT_TRUE(b.counter_changes.empty());
  EXPECT_EQ(c.count(Verdict::Failed), 1);
  EXPECT_EQ(c.exit_code(), 1);
}

TEST(Compare, AFailedBenchmarkInTheBaselineIsFailedToo) {
  results::Results base = make_results(base_shape());
  auto& failed = synthetic::benchmark(base, "recursion/1");
  failed.status = results::Status::Failed;
  failed.message = "exit status 1, expected 0";
  const Comparison c = run(base, make_results(new_shape()));
  const auto& b = find(c, "recursion/1");
  EXPECT_EQ(b.verdict, Verdict::Failed);
  EXPECT_THAT(b.reason, HasSubstr("baseline"));
}

TEST(Compare, MissingAndAddedBenchmarks) {
  Shape base = base_shape(), next = new_shape();
  base.benchmarks.push_back({"retired/1"});
  next.benchmarks.push_back({"fresh/1"});
  next.benchmarks.push_back({"broken/1"});
  results::Results new_results = make_results(next);
  auto& broken = synthetic::benchmark(new_results, "broken/1");
  broken.status = results::Status::Failed;
  broken.message = "program not found";

  const Comparison c = run(make_results(base), new_results);
  EXPECT_EQ(c.benchmarks.size(), 6u);
  const auto& missing = find(c, "retired/1");
  EXPECT_EQ(missing.verdict, Verdict::Missing);
  EXPECT_GT(missing.base_median_ns, 0);
  const auto& added = find(c, "fresh/1");
  EXPECT_EQ(added.verdict, Verdict::Added);
  EXPECT_EQ(added.new_samples, 30u);
  // A new benchmark that failed is a failure, not merely new.
  EXPECT_EQ(find(c, "broken/1").verdict, Verdict::Failed);
  EXPECT_EQ(c.count(Verdict::Missing), 1);
  EXPECT_EQ(c.count(Verdict::Added), 1);
  EXPECT_EQ(c.exit_code(), 1);

  next.benchmarks.pop_back();
  const Comparison without_failure = run(make_results(base), make_results(next));
  EXPECT_EQ(without_failure.exit_code(), 0);
}

TEST(Compare, TooFewSamplesIsNoisy) {
  Shape few = new_shape();
  few.runs = 1;
  few.samples = 4;
  const Comparison c = run(make_results(base_shape()), make_results(few));
  EXPECT_EQ(find(c, "coremark_like/20").verdict, Verdict::Noisy);
  EXPECT_EQ(c.exit_code(), 0);
}

TEST(Compare, BootstrapIsReproducibleBitForBit) {
  const results::Results base = make_results(base_shape());
  Shape slow = new_shape();
  slow.benchmarks[0].factor = 1.07;
  const results::Results next = make_results(slow);
  const Comparison first = run(base, next), second = run(base, next);
  ASSERT_EQ(first.benchmarks.size(), second.benchmarks.size());
  for (size_t i = 0; i < first.benchmarks.size(); ++i) {
    const auto &a = first.benchmarks[i], &b = second.benchmarks[i];
    EXPECT_EQ(std::bit_cast<uint64_t>(a.ci_low), std::bit_cast<uint64_t>(b.ci_low)) << a.name;
    EXPECT_EQ(std::bit_cast<uint64_t>(a.ci_high), std::bit_cast<uint64_t>(b.ci_high)) << a.name;
    EXPECT_EQ(std::bit_cast<uint64_t>(a.p_value), std::bit_cast<uint64_t>(b.p_value)) << a.name;
    EXPECT_EQ(a.verdict, b.verdict) << a.name;
  }

  CompareOptions reseeded;
  reseeded.seed = 12345;
  const Comparison third = run(base, next, reseeded);
  const auto& x = find(first, "coremark_like/20");
  const auto& y = find(third, "coremark_like/20");
  EXPECT_DOUBLE_EQ(x.ratio, y.ratio);  // the estimate does not depend on the seed
  EXPECT_TRUE(x.ci_low != y.ci_low || x.ci_high != y.ci_high);
}

TEST(Compare, RecordsOriginsAndOptions) {
  CompareOptions options;
  options.rule.threshold = 0.10;
  const Comparison c =
      compare(make_results(base_shape()), "b.json", make_results(new_shape()), "n.json", options);
  EXPECT_EQ(c.base_origin, "b.json");
  EXPECT_EQ(c.new_origin, "n.json");
  EXPECT_EQ(c.fingerprint, "fp-aaaa");
  EXPECT_DOUBLE_EQ(c.options.rule.threshold, 0.10);
  EXPECT_DOUBLE_EQ(find(c, "coremark_like/20").effective_threshold, 0.10);
}

}  // namespace
}  // namespace harness::compare
