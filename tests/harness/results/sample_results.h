// Results built by hand for the tests, and a field-by-field comparison that names the field
// that differs.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness/results/results.h"

namespace harness::results::testing {

inline Benchmark guest_benchmark(const std::string& name, std::vector<double> wall_ns,
                                 std::vector<int> run) {
  Benchmark b;
  b.name = name;
  b.kind = "guest";
  b.program = "/build/guest/" + name.substr(0, name.find('/'));
  b.args = {"100", "with space"};
  b.engine = "interp";
  b.memory = "flat";
  b.config = {{"debug.slowdown", "1"}};
  b.planned_repetitions = static_cast<int>(wall_ns.size());
  b.wall_ns = std::move(wall_ns);
  b.run = std::move(run);
  b.counters = {{"guest_instructions", 123456789012345ull}, {"syscalls", 7}};
  summarize(b);
  return b;
}

inline RunInfo run_info(int index) {
  RunInfo run;
  run.index = index;
  run.started_utc = "2025-01-0" + std::to_string(index + 1) + "T10:00:00Z";
  run.finished_utc = "2025-01-0" + std::to_string(index + 1) + "T10:05:00Z";
  run.calibration.start_ns = {1000.5 + index, 1001.25};
  run.calibration.end_ns = {999.75};
  return run;
}

// One run of a suite "quick": a guest benchmark, a micro one with a JIT report, a failed and an
// interrupted one, and the control.
inline Results single_run() {
  Results r;
  r.suite = "quick";
  r.suite_file = "suites/quick.json";
  r.environment = {{"git", {{"commit", "0123456789abcdef"}, {"dirty", false}}},
                   {"cpu", {{"model", "Test CPU"}, {"cores", 2}}}};
  r.fingerprint = "fp-1234abcd";
  r.fingerprint_inputs = {{"cpu_model", "Test CPU"}, {"compiler", "gcc 12"}};
  r.config = {{"repetitions", 3}, {"runs", 1}, {"cpu", 1}};
  r.command = "vmbench run quick --repetitions=3";
  r.repro = "scripts/run quick";
  r.runs = {run_info(0)};
  r.benchmarks.push_back(guest_benchmark("sha256/2", {1.0e6, 1.25e6, 0.999e6}, {0, 0, 0}));

  Benchmark micro;
  micro.name = "mem/write_4k";
  micro.kind = "micro";
  micro.planned_repetitions = 2;
  micro.wall_ns = {12.5, 0.1 + 0.2};
  micro.run = {0, 0};
  micro.jit_report = {{"blocks", 3}, {"hot", {"a", "b"}}, {"ratio", 0.25}};
  summarize(micro);
  r.benchmarks.push_back(micro);

  Benchmark failed = guest_benchmark("nbody/50000", {}, {});
  failed.status = Status::Failed;
  failed.message = "stdout crc32 12345678, expected 7b93600f";
  failed.planned_repetitions = 3;
  failed.counters.clear();
  r.benchmarks.push_back(failed);

  Benchmark interrupted = guest_benchmark("recursion/20", {5e5}, {0});
  interrupted.status = Status::Interrupted;
  interrupted.planned_repetitions = 3;
  r.benchmarks.push_back(interrupted);

  Benchmark control;
  control.name = "control";
  control.kind = "control";
  control.planned_repetitions = 3;
  control.wall_ns = {3e3, 3.1e3, 2.9e3};
  control.run = {0, 0, 0};
  summarize(control);
  r.benchmarks.push_back(control);
  return r;
}

inline void expect_same_summary(const Summary& a, const Summary& b) {
  EXPECT_EQ(a.median_ns, b.median_ns);
  EXPECT_EQ(a.mad_ns, b.mad_ns);
  EXPECT_EQ(a.min_ns, b.min_ns);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_EQ(a.run_medians_ns, b.run_medians_ns);
  EXPECT_EQ(a.noise_floor, b.noise_floor);
}

inline void expect_same_benchmark(const Benchmark& a, const Benchmark& b) {
  SCOPED_TRACE(a.name);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.program, b.program);
  EXPECT_EQ(a.args, b.args);
  EXPECT_EQ(a.engine, b.engine);
  EXPECT_EQ(a.memory, b.memory);
  EXPECT_EQ(a.config, b.config);
  EXPECT_EQ(a.planned_repetitions, b.planned_repetitions);
  EXPECT_EQ(a.wall_ns, b.wall_ns);
  EXPECT_EQ(a.run, b.run);
  expect_same_summary(a.summary, b.summary);
  EXPECT_EQ(a.counters, b.counters);
  EXPECT_EQ(a.jit_report, b.jit_report);
}

inline void expect_same_results(const Results& a, const Results& b) {
  EXPECT_EQ(a.schema_version, b.schema_version);
  EXPECT_EQ(a.complete, b.complete);
  EXPECT_EQ(a.suite, b.suite);
  EXPECT_EQ(a.suite_file, b.suite_file);
  EXPECT_EQ(a.environment, b.environment);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.fingerprint_inputs, b.fingerprint_inputs);
  EXPECT_EQ(a.config, b.config);
  EXPECT_EQ(a.command, b.command);
  EXPECT_EQ(a.repro, b.repro);
  ASSERT_EQ(a.runs.size(), b.runs.size());
  for (size_t i = 0; i < a.runs.size(); ++i) {
    SCOPED_TRACE("run " + std::to_string(i));
    EXPECT_EQ(a.runs[i].index, b.runs[i].index);
    EXPECT_EQ(a.runs[i].started_utc, b.runs[i].started_utc);
    EXPECT_EQ(a.runs[i].finished_utc, b.runs[i].finished_utc);
    EXPECT_EQ(a.runs[i].interrupted, b.runs[i].interrupted);
    EXPECT_EQ(a.runs[i].calibration.start_ns, b.runs[i].calibration.start_ns);
    EXPECT_EQ(a.runs[i].calibration.end_ns, b.runs[i].calibration.end_ns);
  }
  ASSERT_EQ(a.benchmarks.size(), b.benchmarks.size());
  for (size_t i = 0; i < a.benchmarks.size(); ++i) {
    expect_same_benchmark(a.benchmarks[i], b.benchmarks[i]);
  }
}

}  // namespace harness::results::testing
