// In-process benchmark functions that suites name with "kind": "micro". Each is a Google
// Benchmark function; Google Benchmark picks the iteration count, every repetition is a sample.
#pragma once

#include <benchmark/benchmark.h>

#include <functional>
#include <string>
#include <vector>

namespace harness::measure {

struct MicroBenchmark {
  std::string name;
  std::string description;
  std::function<void(benchmark::State&)> function;
};

const std::vector<MicroBenchmark>& micro_benchmarks();
const MicroBenchmark* find_micro_benchmark(const std::string& name);
std::vector<std::string> micro_benchmark_names();

}  // namespace harness::measure
