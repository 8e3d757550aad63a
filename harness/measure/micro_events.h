// Micro benchmarks of the JIT's domain event bus (suite micro-events): one publish of a
// CodeBlockCompiled per iteration with no, one and four subscribers, against a direct call of
// the same handler through a std::function. The no-subscriber case is what the JIT pays for
// its events when nobody listens.
#pragma once

#include <vector>

#include "harness/measure/micro_benchmarks.h"

namespace harness::measure {

std::vector<MicroBenchmark> events_micro_benchmarks();

}  // namespace harness::measure
