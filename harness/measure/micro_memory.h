// Micro benchmarks of the guest memory system (suite micro-mem): the accesses, bulk copies and
// mapping changes the runtime and engines make, timed in isolation.
#pragma once

#include <vector>

#include "harness/measure/micro_benchmarks.h"

namespace harness::measure {

std::vector<MicroBenchmark> memory_micro_benchmarks();

}  // namespace harness::measure
