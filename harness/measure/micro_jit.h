// Micro benchmarks of the JIT's translation (suite micro-jit): compile_block() on a fixed guest
// block of kJitBlockInstructions instructions (integer computation, three conditional branches,
// a closing jal), and one run of the compiled code. Names: jit/<what>; times are per block, and
// Google Benchmark's items/s is per guest instruction. Counters: host bytes of the block and
// host instructions per guest instruction (decoded with vm::monitor), both exact.
#pragma once

#include <cstdint>
#include <vector>

#include "harness/measure/micro_benchmarks.h"

namespace harness::measure {

inline constexpr int64_t kJitBlockInstructions = 32;

std::vector<MicroBenchmark> jit_micro_benchmarks();

}  // namespace harness::measure
