// merge_runs(): runs renumbered and kept apart, samples concatenated, statuses worst-of, and
// conflicts between the parts reported with the origin that brought them.
#include "harness/results/results_merge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/results/results_json.h"
#include "sample_results.h"

namespace harness::results {
namespace {

using ::testing::ElementsAre;
using testing::guest_benchmark;
using ::testing::HasSubstr;
using testing::run_info;

// One run with two guest benchmarks whose samples identify the run: `base` + 1, 2, 3.
Results one_run(double base) {
  Results r;
  r.suite = "quick";
  r.suite_file = "suites/quick.json";
  r.fingerprint = "fp-1";
  r.environment = {{"git", {{"commit", "abc"}}}};
  r.config = {{"repetitions", 3}, {"runs", 1}};
  r.runs = {run_info(0)};
  r.runs[0].started_utc = "start " + std::to_string(static_cast<int>(base));
  r.benchmarks.push_back(guest_benchmark("sha256/2", {base + 1, base + 2, base + 3}, {0, 0, 0}));
  r.benchmarks.push_back(guest_benchmark("nbody/9", {base + 10}, {0}));
  return r;
}

std::string merge_error(const std::vector<Results>& parts) {
  try {
    merge_runs(parts, {"first.json", "second.json", "third.json"});
  } catch (const ResultsError& e) {
    return e.what();
  }
  ADD_FAILURE() << "merged without a conflict";
  return "";
}

TEST(ResultsMerge, TwoSingleRuns) {
  const Results merged = merge_runs({one_run(100), one_run(200)}, {"a.json", "b.json"});
  EXPECT_TRUE(merged.complete);
  EXPECT_EQ(merged.suite, "quick");
  EXPECT_EQ(merged.fingerprint, "fp-1");
  ASSERT_EQ(merged.runs.size(), 2u);
  EXPECT_EQ(merged.runs[0].index, 0);
  EXPECT_EQ(merged.runs[1].index, 1);
  EXPECT_EQ(merged.runs[0].started_utc, "start 100");
  EXPECT_EQ(merged.runs[1].started_utc, "start 200");
  EXPECT_EQ(merged.config.at("runs"), 2);
  EXPECT_EQ(merged.config.at("repetitions"), 3);

  ASSERT_EQ(merged.benchmarks.size(), 2u);
  const Benchmark& sha = merged.benchmarks[0];
  EXPECT_EQ(sha.name, "sha256/2");
  EXPECT_THAT(sha.wall_ns, ElementsAre(101, 102, 103, 201, 202, 203));
  EXPECT_THAT(sha.run, ElementsAre(0, 0, 0, 1, 1, 1));
  EXPECT_EQ(sha.planned_repetitions, 6);
  EXPECT_EQ(sha.status, Status::Ok);
  EXPECT_EQ(sha.counters, one_run(0).benchmarks[0].counters);
  // Summaries describe the merged samples.
  EXPECT_EQ(sha.summary.samples, 6u);
  EXPECT_DOUBLE_EQ(sha.summary.median_ns, 152);
  EXPECT_DOUBLE_EQ(sha.summary.min_ns, 101);
  EXPECT_THAT(sha.summary.run_medians_ns, ElementsAre(102, 202));
  EXPECT_DOUBLE_EQ(sha.summary.noise_floor, 50.0 / 152);

  EXPECT_THAT(merged.benchmarks[1].wall_ns, ElementsAre(110, 210));
  EXPECT_THAT(merged.benchmarks[1].run, ElementsAre(0, 1));
}

TEST(ResultsMerge, MergedResultsSurviveARoundTrip) {
  const Results merged = merge_runs({one_run(100), one_run(200)}, {"a.json", "b.json"});
  testing::expect_same_results(from_json(to_json(merged), "merged"), merged);
}

TEST(ResultsMerge, MultiRunPartsKeepTheirRunsApart) {
  const Results first_two = merge_runs({one_run(100), one_run(200)}, {"a.json", "b.json"});
  const Results all = merge_runs({first_two, one_run(300)}, {"ab.json", "c.json"});
  ASSERT_EQ(all.runs.size(), 3u);
  EXPECT_EQ(all.runs[0].index, 0);
  EXPECT_EQ(all.runs[1].index, 1);
  EXPECT_EQ(all.runs[2].index, 2);
  EXPECT_EQ(all.runs[2].started_utc, "start 300");
  EXPECT_EQ(all.config.at("runs"), 3);
  const Benchmark& sha = all.benchmarks[0];
  EXPECT_THAT(sha.run, ElementsAre(0, 0, 0, 1, 1, 1, 2, 2, 2));
  EXPECT_THAT(sha.summary.run_medians_ns, ElementsAre(102, 202, 302));

  // And the other way round: a single run first, then a two-run part.
  const Results reversed = merge_runs({one_run(300), first_two}, {"c.json", "ab.json"});
  EXPECT_THAT(reversed.benchmarks[0].run, ElementsAre(0, 0, 0, 1, 1, 1, 2, 2, 2));
  EXPECT_THAT(reversed.benchmarks[0].wall_ns,
              ElementsAre(301, 302, 303, 101, 102, 103, 201, 202, 203));
}

TEST(ResultsMerge, StatusIsTheWorstOfTheParts) {
  Results ok = one_run(100);
  Results interrupted = one_run(200);
  interrupted.benchmarks[0].status = Status::Interrupted;
  Results failed = one_run(300);
  failed.benchmarks[0].status = Status::Failed;
  failed.benchmarks[0].message = "exit status 3, expected 0";

  const Results a = merge_runs({ok, interrupted}, {});
  EXPECT_EQ(a.benchmarks[0].status, Status::Interrupted);
  EXPECT_EQ(a.benchmarks[1].status, Status::Ok);

  const Results b = merge_runs({failed, ok}, {});
  EXPECT_EQ(b.benchmarks[0].status, Status::Failed);
  EXPECT_EQ(b.benchmarks[0].message, "exit status 3, expected 0");

  const Results c = merge_runs({ok, failed, interrupted}, {});
  EXPECT_EQ(c.benchmarks[0].status, Status::Failed);
  EXPECT_EQ(c.benchmarks[0].message, "exit status 3, expected 0");
}

TEST(ResultsMerge, IncompleteIfAnyPartIsIncomplete) {
  Results interrupted = one_run(200);
  interrupted.complete = false;
  EXPECT_TRUE(merge_runs({one_run(100), one_run(300)}, {}).complete);
  EXPECT_FALSE(merge_runs({one_run(100), interrupted, one_run(300)}, {}).complete);
  EXPECT_FALSE(merge_runs({interrupted, one_run(100)}, {}).complete);
}

TEST(ResultsMerge, BenchmarkInOnlyOnePartIsKept) {
  Results with_extra = one_run(200);
  with_extra.benchmarks.push_back(guest_benchmark("extra/1", {5, 6}, {0, 0}));
  const Results merged = merge_runs({one_run(100), with_extra}, {});
  ASSERT_NE(merged.find("extra/1"), nullptr);
  EXPECT_THAT(merged.find("extra/1")->run, ElementsAre(1, 1));
}

TEST(ResultsMerge, NothingToMerge) { EXPECT_THROW(merge_runs({}, {}), ResultsError); }

TEST(ResultsMerge, DifferentSuite) {
  Results other = one_run(200);
  other.suite = "nightly";
  const std::string message = merge_error({one_run(100), other});
  EXPECT_THAT(message, HasSubstr("second.json: "));
  EXPECT_THAT(message, HasSubstr("suite 'nightly' cannot be merged with suite 'quick'"));
}

TEST(ResultsMerge, DifferentFingerprint) {
  Results other = one_run(300);
  other.fingerprint = "fp-2";
  const std::string message = merge_error({one_run(100), one_run(200), other});
  EXPECT_THAT(message, HasSubstr("third.json: fingerprint fp-2 differs from fp-1"));
}

TEST(ResultsMerge, BenchmarkDefinedDifferently) {
  Results other = one_run(200);
  other.benchmarks[1].args = {"100", "other"};
  const std::string message = merge_error({one_run(100), other});
  EXPECT_THAT(message, HasSubstr("second.json: benchmark 'nbody/9'"));
  EXPECT_THAT(message, HasSubstr("definition"));

  Results engine = one_run(200);
  engine.benchmarks[0].config = {{"debug.slowdown", "2"}};
  EXPECT_THAT(merge_error({one_run(100), engine}),
              HasSubstr("second.json: benchmark 'sha256/2' definition"));

  Results kind = one_run(200);
  kind.benchmarks[0].kind = "micro";
  EXPECT_THAT(merge_error({one_run(100), kind}),
              HasSubstr("second.json: benchmark 'sha256/2' kind"));
}

TEST(ResultsMerge, DifferentCounters) {
  Results value = one_run(200);
  value.benchmarks[0].counters["syscalls"] = 8;
  const std::string message = merge_error({one_run(100), value});
  EXPECT_THAT(message, HasSubstr("second.json: benchmark 'sha256/2'"));
  EXPECT_THAT(message, HasSubstr("counter"));

  Results set = one_run(200);
  set.benchmarks[0].counters["tlb_misses"] = 0;
  EXPECT_THAT(merge_error({one_run(100), set}), HasSubstr("second.json: benchmark 'sha256/2'"));
}

TEST(ResultsMerge, CountersOfAFailedRunAreNotCompared) {
  // A failed run may stop early with other counts; the failure is the finding, not the counts.
  Results failed = one_run(200);
  failed.benchmarks[0].status = Status::Failed;
  failed.benchmarks[0].counters["syscalls"] = 1;
  EXPECT_NO_THROW(merge_runs({one_run(100), failed}, {}));
}

}  // namespace
}  // namespace harness::results
