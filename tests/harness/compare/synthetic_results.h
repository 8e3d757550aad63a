// Synthetic results files for the compare tests: benchmarks whose samples come from a seeded
// generator around a known centre, a control benchmark ("control/calibration", kind "control")
// and calibration passes in every run, so each test states the truth it builds and checks that
// compare() finds it.
#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/results/results.h"

namespace harness::compare::synthetic {

inline constexpr const char* kControl = "control/calibration";

struct BenchmarkShape {
  std::string name;
  std::string kind = "guest";
  double center_ns = 1e6;
  double factor = 1.0;  // the change this side carries relative to center_ns
};

struct Shape {
  std::string suite = "tiny";
  std::string fingerprint = "fp-aaaa";
  int runs = 3;
  int samples = 10;      // per benchmark and run
  double jitter = 0.01;  // each sample moves by up to +-1%
  // Common-mode speed of each run (the machine's mood that run): every benchmark, the control
  // and the calibration move by it together. Cycled when there are more runs than offsets.
  std::vector<double> run_offsets = {0.0, 0.006, -0.004};
  double machine = 1.0;  // common-mode factor of the whole side (machine drift)
  double calibration_ns = 5e5;
  double calibration_factor = 1.0;  // extra change of the calibration alone
  double control_ns = 2e6;
  double control_factor = 1.0;  // extra change of the control alone
  bool with_control = true;
  std::vector<BenchmarkShape> benchmarks = {{"coremark_like/20"}, {"recursion/1", "guest", 3e6}};
  uint64_t seed = 1;
};

// The noise comes from std::mt19937_64's raw output, which the standard fixes, so the data
// are the same on every platform.
class Jitter {
 public:
  explicit Jitter(uint64_t seed) : engine_(seed) {}
  double operator()(double amplitude) {
    const double unit = static_cast<double>(engine_() >> 11) * 0x1p-53;  // [0, 1)
    return 1 + amplitude * (2 * unit - 1);
  }

 private:
  std::mt19937_64 engine_;
};

inline boost::json::object fingerprint_inputs() {
  return {{"cpu_model", "Synthetic CPU @ 3.0GHz"},
          {"cores", 2},
          {"l2_bytes", 1048576},
          {"compiler", "GNU 12.2.0"},
          {"build_type", "Release"}};
}

inline results::Results make_results(const Shape& shape) {
  Jitter jitter(shape.seed);
  results::Results r;
  r.suite = shape.suite;
  r.fingerprint = shape.fingerprint;
  r.fingerprint_inputs = fingerprint_inputs();
  auto run_factor = [&](int run) {
    return shape.machine * (1 + shape.run_offsets[run % shape.run_offsets.size()]);
  };
  for (int run = 0; run < shape.runs; ++run) {
    results::RunInfo info;
    info.index = run;
    for (int i = 0; i < 3; ++i) {
      const double c = shape.calibration_ns * shape.calibration_factor * run_factor(run);
      info.calibration.start_ns.push_back(c * jitter(shape.jitter));
      info.calibration.end_ns.push_back(c * jitter(shape.jitter));
    }
    r.runs.push_back(info);
  }
  std::vector<BenchmarkShape> all = shape.benchmarks;
  if (shape.with_control) {
    all.push_back({kControl, "control", shape.control_ns, shape.control_factor});
  }
  for (const auto& s : all) {
    results::Benchmark b;
    b.name = s.name;
    b.kind = s.kind;
    b.planned_repetitions = shape.samples;
    for (int run = 0; run < shape.runs; ++run) {
      for (int i = 0; i < shape.samples; ++i) {
        b.wall_ns.push_back(s.center_ns * s.factor * run_factor(run) * jitter(shape.jitter));
        b.run.push_back(run);
      }
    }
    if (s.kind == "guest") b.counters = {{"guest.instructions_retired", 12345678}};
    results::summarize(b);
    r.benchmarks.push_back(std::move(b));
  }
  return r;
}

inline results::Benchmark& benchmark(results::Results& r, const std::string& name) {
  for (auto& b : r.benchmarks) {
    if (b.name == name) return b;
  }
  throw std::out_of_range("no benchmark " + name);
}

}  // namespace harness::compare::synthetic
