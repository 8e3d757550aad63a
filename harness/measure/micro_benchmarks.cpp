#include "harness/measure/micro_benchmarks.h"

#include "harness/measure/calibration.h"
#include "harness/measure/micro_events.h"
#include "harness/measure/micro_jit.h"
#include "harness/measure/micro_memcpy.h"
#include "harness/measure/micro_memory.h"
#include "harness/measure/micro_monitor.h"
#include "harness/measure/micro_pool.h"
#include "harness/measure/micro_tlb.h"

namespace harness::measure {

const std::vector<MicroBenchmark>& micro_benchmarks() {
  static const std::vector<MicroBenchmark> table = [] {
    std::vector<MicroBenchmark> t = {
        {"calibration", "the native control workload (no VM), as timed at run start and end",
         [](benchmark::State& state) {
           for (auto _ : state) state.SetIterationTime(time_calibration_once() * 1e-9);
         }},
    };
    for (auto& m : memory_micro_benchmarks()) t.push_back(std::move(m));
    for (auto& m : pool_micro_benchmarks()) t.push_back(std::move(m));
    for (auto& m : memcpy_micro_benchmarks()) t.push_back(std::move(m));
    for (auto& m : tlb_micro_benchmarks()) t.push_back(std::move(m));
    for (auto& m : events_micro_benchmarks()) t.push_back(std::move(m));
    for (auto& m : monitor_micro_benchmarks()) t.push_back(std::move(m));
    for (auto& m : jit_micro_benchmarks()) t.push_back(std::move(m));
    return t;
  }();
  return table;
}

const MicroBenchmark* find_micro_benchmark(const std::string& name) {
  for (const auto& m : micro_benchmarks()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::vector<std::string> micro_benchmark_names() {
  std::vector<std::string> out;
  for (const auto& m : micro_benchmarks()) out.push_back(m.name);
  return out;
}

}  // namespace harness::measure
